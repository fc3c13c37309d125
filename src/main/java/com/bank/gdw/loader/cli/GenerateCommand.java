package com.bank.gdw.loader.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.FileNaming;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

/** Writes valid sample feed files, with seeded bad records on request. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write sample load and trigger files for a business date (for demos, tests and benchmarks).")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Records per load file.")
    long rows;

    @Option(names = "--date", required = true, paramLabel = "YYYYMMDD", description = "Business date of the files.")
    String date;

    @Option(names = "--prefix", split = ",", paramLabel = "UNIT",
            description = "Unit prefix(es), e.g. BCFINSG_CA (default: the stream's sample units).")
    List<String> prefixes;

    @Option(names = "--bad-ratio", paramLabel = "R", defaultValue = "0",
            description = "Share of records that are bad, cycling FIELD_COUNT, KEY_MISSING, INVALID_VALUE, DUPLICATE_KEY (default: ${DEFAULT-VALUE}).")
    double badRatio;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write to (default: the landing directory).")
    Path out;

    @Option(names = "--plain", description = "Write the load file uncompressed (.txt instead of .txt.gz).")
    boolean plain;

    @Option(names = "--no-control", description = "Leave the trigger file empty (no CTL line).")
    boolean noControl;

    @Option(names = "--stream", paramLabel = "CODE", description = "Stream code (default: the only configured stream).")
    String stream;

    @Option(names = "--streams-dir", paramLabel = "DIR", defaultValue = "${env:LOADER_STREAMS_DIR:-config/streams}",
            description = "Folder of stream definitions (default: ${DEFAULT-VALUE}, else those in the jar).")
    Path streamsDir;

    @Override
    public Integer call() throws Exception {
        LocalDate businessDate = FileNaming.parseDate(date);
        if (businessDate == null) {
            throw new IllegalArgumentException("--date " + date + " is not a date YYYYMMDD");
        }
        if (rows < 0 || badRatio < 0 || badRatio > 1) {
            throw new IllegalArgumentException("--rows must be >= 0 and --bad-ratio between 0 and 1");
        }
        // a folder named by the option or the variable must hold definitions; only the default may fall back to the jar's
        boolean named = spec.commandLine().getParseResult().hasMatchedOption("--streams-dir");
        if (named || System.getenv("LOADER_STREAMS_DIR") != null) {
            String problem = StreamCatalog.folderProblem(streamsDir);
            if (problem != null) {
                throw new IllegalArgumentException(problem + " (" + (named ? "--streams-dir" : "LOADER_STREAMS_DIR") + ")");
            }
        }
        StreamDefinition s = StreamCatalog.load(streamsDir, v -> v).only(stream);
        List<String> units = prefixes == null || prefixes.isEmpty() ? s.files().sampleUnits() : prefixes;
        for (String u : units) {
            if (!u.matches(s.files().unitPattern())) {
                throw new IllegalArgumentException("--prefix " + u + " does not match the unit pattern " + s.files().unitPattern());
            }
        }
        Path dir = out != null ? out : defaultLanding();
        FeedGenerator generator = new FeedGenerator(s).gzip(!plain).controlLine(!noControl);
        for (String u : units) {
            FeedGenerator.Generated g = generator.generate(dir, u, businessDate, rows, badRatio);
            out().println("wrote " + g.loadFile() + " (" + g.rows() + " records, bad: " + g.seeded() + ") and " + g.triggerFile().getFileName());
        }
        return 0;
    }

    /** The landing directory as the loader resolves it: property, then environment, then the data directory. */
    private static Path defaultLanding() {
        String landing = System.getProperty("loader.dir.landing", System.getenv("LOADER_DIR_LANDING"));
        if (landing != null && !landing.isBlank()) {
            return Path.of(landing);
        }
        String data = System.getProperty("loader.data-dir", System.getenv().getOrDefault("LOADER_DATA_DIR", "./data"));
        return Path.of(data).resolve("landing");
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
