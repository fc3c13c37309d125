package com.bank.gdw.loader.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A unit whose outcome is committed but whose files could not all be moved (the archive broke off) is finished by
 * the running serve itself, at its next sweep: it does not wait in inprocess for a new file of the stream, or a restart.
 * A `run` of its date started again after the loader was killed mid-archive finishes the archive and exits 0 (the
 * date's data was loaded), saying so on stdout; a rerun with nothing to finish still exits 3.
 */
class InterruptedArchiveTest {

    @Test
    void a_serve_finishes_an_interrupted_archive_at_its_next_sweep_without_a_new_file() throws Exception {
        Path data = Path.of("target", "it", "interrupted-archive").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        LocalDate date = LocalDate.of(2026, 9, 14);
        Path landing = Files.createDirectories(data.resolve("landing"));
        FeedGenerator.Generated unit = new FeedGenerator(new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"))).generate(landing, "BCFINSG_CA", date, 50, 0);
        Path inbound = data.resolve("archive/inbound");
        Path fault = data.resolve("fault");
        Map<String, String> p = ChildLoader.quickServe(data);
        p.put("loader.sweep.enabled", "true");
        p.put("loader.sweep.cron", "0/2 * * * * ?");
        p.put("loader.fault.pause-at", "mid-archive");
        p.put("loader.fault.dir", fault.toString());

        try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), p, Map.of(), "serve")) {
            // the first file is archived and the loader holds before the other's move: a file is put where the
            // other's archive directory should be, so that move fails
            assertThat(serve.awaitFile(fault.resolve("mid-archive.reached"), Duration.ofMinutes(2))).as(serve.output()).isTrue();
            Path loadArchived = data.resolve("archive/outbound").resolve(unit.loadFile().getFileName());
            Path triggerArchived = inbound.resolve(unit.triggerFile().getFileName());
            Path blocked = Files.exists(triggerArchived) ? loadArchived.getParent() : inbound;
            deleteIfEmptyDirectory(blocked);
            Files.writeString(blocked, "not a directory\n");
            Files.writeString(fault.resolve("mid-archive.release"), "");
            await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                    .until(() -> serve.output().contains("could not be moved"));
            assertThat(filesUnder(data.resolve("inprocess"))).hasSize(1);

            // the obstacle goes; no file arrives, the sweep finishes the move
            Files.delete(blocked);

            await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                    .until(() -> Files.exists(loadArchived) && Files.exists(triggerArchived));
            assertThat(filesUnder(data.resolve("inprocess"))).as(serve.output()).isEmpty();
            assertThat(LoaderHarness.files(landing)).isEmpty();
        }
    }

    static Stream<Arguments> killedWhileArchiving() {
        return TestDatabase.enabled().stream().flatMap(db -> Stream.of("after-commit", "mid-archive").map(p -> Arguments.of(db, p)));
    }

    @ParameterizedTest(name = "{0} killed at {1}")
    @MethodSource("killedWhileArchiving")
    void a_rerun_of_the_date_finishes_the_interrupted_archive_and_exits_0(TestDatabase db, String point) throws Exception {
        String name = "interrupted-archive-run-" + db + "-" + point;
        Path data = Path.of("target", "it", name).toAbsolutePath();
        LoaderHarness.deleteTree(data);
        LocalDate date = LocalDate.of(2026, 9, 15);
        Path landing = Files.createDirectories(data.resolve("landing"));
        StreamDefinition stream = new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"));
        FeedGenerator.Generated unit = new FeedGenerator(stream).generate(landing, "BCFINSG_CA", date, 50, 0);
        String url = db.freshUrl("interrupted_archive_" + point.replace('-', '_'));
        Map<String, String> p = new java.util.HashMap<>();
        p.put("loader.data-dir", data.toString());
        p.put("loader.files.settle-ms", "0");
        if (url != null) {
            p.put("loader.db.url", url);
            p.put("loader.db.user", db.user());
        }
        Map<String, String> crashing = new java.util.HashMap<>(p);
        crashing.put("loader.fault.pause-at", point);
        crashing.put("loader.fault.dir", data.resolve("fault").toString());

        // given: the unit is loaded and committed, and the loader is killed before its files are all archived
        try (ChildLoader child = ChildLoader.start(data.resolve("killed.log"), crashing, Map.of(), "run", "--date", "20260915")) {
            assertThat(child.awaitFile(data.resolve("fault").resolve(point + ".reached"), Duration.ofMinutes(2)))
                    .as("pause point %s reached; log:%n%s", point, child.output()).isTrue();
            child.kill();
        }
        List<String> unarchived = filesUnder(data.resolve("inprocess")).stream().map(f -> f.getFileName().toString()).toList();
        assertThat(unarchived).as("files the kill left in inprocess").isNotEmpty();
        assertThat(LoaderHarness.files(landing)).isEmpty();

        // when: the scheduler runs the date again, with no new file
        ChildLoader rerun = ChildLoader.start(data.resolve("rerun.log"), p, Map.of(), "run", "--date", "20260915");
        int exit = rerun.awaitExit(Duration.ofMinutes(2));

        // then: recovery finished the archive, the run says so on stdout (logs go to stderr) and exits 0
        assertThat(exit).as(rerun.output()).isZero();
        var line = Pattern.compile("(?m)^" + Pattern.quote(stream.name()) + " 2026-09-15: finished archiving unit BCFINSG_CA \\(process instance \\d+\\): (.*)$")
                .matcher(rerun.output());
        assertThat(line.find()).as(rerun.output()).isTrue();
        assertThat(line.group(1).split(", ")).containsExactlyInAnyOrderElementsOf(unarchived);
        assertThat(data.resolve("archive/outbound").resolve(unit.loadFile().getFileName())).exists();
        assertThat(data.resolve("archive/inbound").resolve(unit.triggerFile().getFileName())).exists();
        assertThat(LoaderHarness.files(landing)).isEmpty();
        assertThat(filesUnder(data.resolve("inprocess"))).isEmpty();

        // and a rerun with nothing left to finish is what it always was: no source data, exit 3, no such line
        ChildLoader again = ChildLoader.start(data.resolve("again.log"), p, Map.of(), "run", "--date", "20260915");
        assertThat(again.awaitExit(Duration.ofMinutes(2))).as(again.output()).isEqualTo(3);
        assertThat(again.output()).doesNotContain("finished archiving");

        try (LoaderHarness h = LoaderHarness.start(name, LoaderHarness.options().existing(url))) {
            h.dropped(unit.loadFile());
            h.dropped(unit.triggerFile());
            DcfInvariants.assertHold(h);
            assertThat(h.rows("SELECT PRCS_NAME, PRCS_STATUS FROM DCF_T_PRCS_INST")).extracting(r -> r.get("PRCS_NAME") + " " + r.get("PRCS_STATUS"))
                    .containsExactly("BCFINSG_CA COMPLETED");
            // the killed run was abandoned; the reruns loaded nothing themselves, so their own rows say so
            assertThat(h.rows("SELECT STRM_STATUS FROM DCF_T_STRM_INST ORDER BY STRM_INST_ID")).extracting(r -> r.get("STRM_STATUS"))
                    .containsExactly("ABANDONED", "NO_DATA_AVAILABLE", "NO_DATA_AVAILABLE");
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_FILE_MOVE WHERE MOVE_STATUS <> 'DONE'")).isZero();
            assertThat(h.rows("SELECT SOURCE_FILE, ARCHIVE_PATH FROM DCF_T_DATA_LINEAGE WHERE LIFECYCLE_STAGE = 'ARCHIVED'"))
                    .extracting(r -> r.get("SOURCE_FILE")).containsExactlyInAnyOrder(unit.loadFile().getFileName().toString(),
                            unit.triggerFile().getFileName().toString());
        }
    }

    /** The files under a directory, at any depth (inprocess keeps a unit's files in a directory of its own). */
    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteIfEmptyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            Files.delete(dir);
        }
    }
}
