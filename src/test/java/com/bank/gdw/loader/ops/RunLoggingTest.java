package com.bank.gdw.loader.ops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logs of a run, as the shipped log4j2.xml writes them in a real `run` process: every line of the run names
 * stream, run, unit and process instance (reading thread included), in text and in JSON, and long loads report
 * progress at the configured cadence.
 */
class RunLoggingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** LOADER_LOG_FORMAT=json: ECS lines carrying the MDC fields; progress lines from the reading thread, at least 1 s apart. */
    @Test
    void json_lines_carry_the_run_context_and_progress_comes_at_the_cadence() throws Exception {
        Path dataDir = RunningLoader.freshDataDir("RunLoggingJson");
        LocalDate date = LocalDate.of(2026, 6, 1);
        FeedGenerator.Generated unit = generate(dataDir, date, 400_000);

        Run run = run(dataDir, date, Map.of("LOADER_LOG_FORMAT", "json", "LOADER_PROGRESS_EVERY_SECONDS", "1"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<JsonNode> lines = jsonLines(run.output());
        assertThat(lines).isNotEmpty();
        List<JsonNode> ofUnit = lines.stream().filter(l -> l.has("processId")).toList();
        assertThat(ofUnit).isNotEmpty().allSatisfy(l -> {
            assertThat(l.path("stream").asText()).isEqualTo("bcfinsg");
            assertThat(l.path("run").asText()).isEqualTo("1");
            assertThat(l.path("unit").asText()).isEqualTo("BCFINSG_CA");
            assertThat(l.path("processId").asText()).isEqualTo("1");
            assertThat(l.path("@timestamp").asText()).isNotBlank();
            assertThat(l.path("log.level").asText()).isNotBlank();
        });
        assertThat(ofUnit).anySatisfy(l -> assertThat(l.path("message").asText()).contains("COMPLETED, " + unit.expectedWritten() + " rows written"));
        assertThat(lines).filteredOn(l -> l.path("message").asText().contains("opened (trigger MANUAL"))
                .singleElement().satisfies(l -> assertThat(l.path("run").asText()).isEqualTo("1"));
        // every line the loader itself writes while the run is open, on any of its threads, names the stream and run
        int opened = indexOf(lines, "opened (trigger MANUAL");
        int ended = indexOf(lines, "ended COMPLETED");
        assertThat(ended).isGreaterThan(opened);
        assertThat(lines.subList(opened, ended + 1)).filteredOn(l -> l.path("log.logger").asText().startsWith("com.bank.gdw.loader"))
                .hasSizeGreaterThan(3).allSatisfy(l -> {
                    assertThat(l.path("stream").asText()).as(l.toString()).isEqualTo("bcfinsg");
                    assertThat(l.path("run").asText()).as(l.toString()).isEqualTo("1");
                });

        List<JsonNode> progress = ofUnit.stream().filter(l -> l.path("message").asText().contains(" rows read, ")).toList();
        assertThat(progress).as("progress lines of a 400,000-record load at 1 s").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(l -> {
                    assertThat(l.path("process.thread.name").asText()).startsWith("feed-reader-");
                    assertThat(l.path("message").asText()).matches(PROGRESS);
                });
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < progress.size(); i++) {
            Duration gap = Duration.between(Instant.parse(progress.get(i - 1).path("@timestamp").asText()),
                    Instant.parse(progress.get(i).path("@timestamp").asText()));
            // never before the cadence, less the time between taking the time and logging (on a 2-core machine busy with
            // other builds once 77 ms: a line logged late makes the next gap look short); a line is written
            // at the reader's next 4096-record checkpoint after it, so one can come late by as long as the reader
            // waits for the database to take its earlier batches (a busy 2-core CI: once 3.6 s at a 1 s cadence)
            assertThat(gap).as("gap between progress lines %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(850)).isLessThan(Duration.ofSeconds(10));
            gaps.add(gap);
        }
        // on the whole, the cadence holds
        gaps.sort(null);
        assertThat(gaps.get(gaps.size() / 2)).as("median gap of %s", gaps).isLessThan(Duration.ofMillis(2500));
    }

    /**
     * The database stops taking rows for 7 s (the writer held at its third batch, as by a lock or a slow server): the
     * reader, its queue full, keeps reporting at the cadence that it waits, and the run then completes.
     */
    @Test
    void progress_keeps_its_cadence_while_the_database_holds_the_load_up() throws Exception {
        Path dataDir = RunningLoader.freshDataDir("RunLoggingStall");
        LocalDate date = LocalDate.of(2026, 6, 3);
        FeedGenerator.Generated unit = generate(dataDir, date, 200_000);

        Hold hold = runHeldAt(dataDir, date, "mid-write", Map.of());

        hold.assertCompleted(unit);
        // from a second after the hold until it ends, the lines come at the cadence and say the reader waits
        List<JsonNode> whileHeld = hold.progressWhileHeld();
        assertThat(whileHeld).as("progress lines from the first wait to the release; log: %s", hold.output()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(l -> assertThat(l.path("message").asText()).contains("waiting").contains("for the database"));
        // the reader is really held: it reports the same rows all along
        assertThat(whileHeld.stream().map(l -> l.path("message").asText().replaceAll(", \\d+ rows/s.*", "")).distinct()).hasSize(1);
    }

    /**
     * After the last row is read, Snowflake's COPY into the staging table and MERGE still take the database's time (in
     * production, minutes for a large file). Held there for 7 s, the load goes on reporting that it waits, at the
     * cadence, at 100% of the file.
     */
    @Test
    void progress_goes_on_while_the_database_finishes_after_the_last_row() throws Exception {
        Path dataDir = RunningLoader.freshDataDir("RunLoggingFinish");
        LocalDate date = LocalDate.of(2026, 6, 4);
        FeedGenerator.Generated unit = generate(dataDir, date, 5_000);
        Map<String, String> snowflake = Map.of("loader.db.url", TestDatabase.SNOWFLAKE.freshUrl("run_logging"),
                "loader.db.user", TestDatabase.SNOWFLAKE.user());

        Hold hold = runHeldAt(dataDir, date, "after-copy", snowflake);

        hold.assertCompleted(unit);
        List<JsonNode> whileHeld = hold.progressWhileHeld();
        assertThat(whileHeld).as("progress lines from the first wait to the release; log: %s", hold.output()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(l -> assertThat(l.path("message").asText()).contains(" 5000 rows read, ").contains("100% of the file; waiting"));
    }

    /**
     * A `run` in JSON logging at a 1 s cadence (with the {@code more} properties), held at the pause point for {@link #HOLD},
     * then let go to its end.
     */
    private static Hold runHeldAt(Path dataDir, LocalDate date, String point, Map<String, String> more) throws Exception {
        Path fault = dataDir.resolve("fault");
        Map<String, String> properties = new java.util.HashMap<>(more);
        properties.put("loader.fault.pause-at", point);
        properties.put("loader.fault.dir", fault.toString());
        try (ChildLoader child = ChildLoader.start(dataDir.resolve("run.log"), properties,
                environment(dataDir, Map.of("LOADER_LOG_FORMAT", "json", "LOADER_PROGRESS_EVERY_SECONDS", "1")),
                "run", "--date", date.toString().replace("-", ""))) {
            assertThat(child.awaitFile(fault.resolve(point + ".reached"), Duration.ofMinutes(2))).as(child.output()).isTrue();
            Instant held = Instant.now();
            Thread.sleep(HOLD.toMillis());
            Instant released = Instant.now();
            Files.createFile(fault.resolve(point + ".release"));
            int exit = child.awaitExit(Duration.ofMinutes(5));
            return new Hold(exit, child.output(), held, released);
        }
    }

    /** Long enough for three lines at the 1 s cadence after the reader, held mid-write, has filled the batch queue. */
    private static final Duration HOLD = Duration.ofSeconds(7);

    private record Hold(int exit, String output, Instant held, Instant released) {

        void assertCompleted(FeedGenerator.Generated unit) throws IOException {
            assertThat(exit).as(output).isZero();
            assertThat(jsonLines(output)).anySatisfy(l -> assertThat(l.path("message").asText())
                    .contains("COMPLETED, " + unit.expectedWritten() + " rows written"));
        }

        /**
         * The progress lines of the hold from the first that says the reader waits until the release. Held mid-write,
         * the reader first fills the batch queue, which takes it a second or two on a busy machine; the lines before
         * that say only what it read, as they should.
         */
        List<JsonNode> progressWhileHeld() throws IOException {
            List<JsonNode> lines = jsonLines(output).stream().filter(l -> l.path("message").asText().matches(PROGRESS)).filter(l -> {
                Instant at = Instant.parse(l.path("@timestamp").asText());
                return at.isAfter(held) && at.isBefore(released);
            }).toList();
            int firstWait = 0;
            while (firstWait < lines.size() && !lines.get(firstWait).path("message").asText().contains("; waiting ")) {
                firstWait++;
            }
            return lines.subList(firstWait, lines.size());
        }
    }

    /** A progress line: what was read, and when the database holds the read up, for how long it has waited. */
    private static final String PROGRESS = ".*: \\d+ rows read, \\d+ rows/s, \\d+% of the file(; waiting \\d+ s for the database)?";

    private static List<JsonNode> jsonLines(String output) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static int indexOf(List<JsonNode> lines, String message) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).path("message").asText().contains(message)) {
                return i;
            }
        }
        throw new AssertionError("no log line contains " + message);
    }

    /** The default text format shows [stream run= unit= pid=] on the lines of a unit and [stream run=] on those of the run. */
    @Test
    void text_lines_name_stream_run_unit_and_process() throws Exception {
        Path dataDir = RunningLoader.freshDataDir("RunLoggingText");
        LocalDate date = LocalDate.of(2026, 6, 2);
        generate(dataDir, date, 2_000);

        Run run = run(dataDir, date, Map.of("LOADER_PROGRESS_EVERY_SECONDS", "0"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> unitLines = run.output().lines().filter(l -> l.matches(".* (UnitStart|UnitLoad|ProgressLog|UnitArchive) - .*")).toList();
        assertThat(unitLines).isNotEmpty().allSatisfy(l -> assertThat(l).contains("[bcfinsg run=1 unit=BCFINSG_CA pid=1]"));
        assertThat(unitLines).anySatisfy(l -> assertThat(l).contains("2000 rows read").contains("100% of the file"));
        assertThat(run.output().lines().filter(l -> l.matches(".* (RunOpen|RunClose) - run 1 .*")))
                .hasSize(2).allSatisfy(l -> assertThat(l).contains("[bcfinsg run=1]"));
    }

    /** A unit failed by its file says so in one line naming the file; a stack trace is for failures of the infrastructure. */
    @Test
    void a_unit_its_file_fails_is_one_error_line_without_a_stack_trace() throws Exception {
        Path dataDir = RunningLoader.freshDataDir("RunLoggingBadFile");
        LocalDate date = LocalDate.of(2026, 6, 5);
        FeedGenerator.Generated unit = generate(dataDir, date, 10);
        Path notGzip = unit.loadFile();
        java.nio.file.Files.writeString(notGzip, "plain text under a .gz name\n");

        Run run = run(dataDir, date, Map.of());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output().lines().filter(l -> l.contains(" ERROR ")))
                .anySatisfy(l -> assertThat(l).endsWith(notGzip.getFileName() + ": FAILED: " + notGzip.getFileName() + ": not a gzip file (no gzip header)"));
        assertThat(run.output().lines().filter(l -> l.startsWith("\tat ") || l.contains("FeedFormatException"))).as(run.output()).isEmpty();
    }

    private static Map<String, String> environment(Path dataDir, Map<String, String> env) {
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("LOADER_DATA_DIR", dataDir.toString());
        environment.put("LOADER_FILES_SETTLE_MS", "0");
        environment.putIfAbsent("LOADER_LOG_FORMAT", "text");
        return environment;
    }

    private record Run(int exitCode, String output) { }

    private static FeedGenerator.Generated generate(Path dataDir, LocalDate date, long rows) throws IOException {
        StreamDefinition s = StreamCatalog.load(Path.of("config/streams"), v -> v).get(RunningLoader.STREAM);
        return new FeedGenerator(s).generate(dataDir.resolve("landing"), "BCFINSG_CA", date, rows, 0.01);
    }

    /** `gdw-loader run --date` in its own JVM with the shipped log4j2.xml, as a scheduler starts it; stdout and stderr together. */
    private static Run run(Path dataDir, LocalDate date, Map<String, String> env) throws InterruptedException {
        try (ChildLoader child = ChildLoader.start(dataDir.resolve("run.log"), Map.of(), environment(dataDir, env),
                "run", "--date", date.toString().replace("-", ""))) {
            int exit = child.awaitExit(java.time.Duration.ofMinutes(5));
            // the first line is the command, for whoever reads the log
            String output = child.output();
            return new Run(exit, output.substring(output.indexOf('\n') + 1));
        }
    }
}
