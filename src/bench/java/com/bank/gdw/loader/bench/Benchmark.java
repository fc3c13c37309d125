package com.bank.gdw.loader.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The shipped benchmark: generates a plain feed file, loads it through the real loader (its {@code run} command in a
 * child JVM with a capped heap) into PostgreSQL and into the embedded DuckDB, and loads the same file with each
 * database's own bulk import into a table of the same DDL; prints rows/s, MB/s, seconds, the child's peak heap from
 * its GC log, and the ratios the targets are stated in. With several sizes it also says whether the heap stayed flat.
 */
public final class Benchmark {

    /** What to measure and where. */
    public record Settings(List<Long> rows, boolean postgres, boolean duckdb, String pgUrl, String pgUser, String pgPassword,
                           String heap, Path work, Path streamsDir, String duckdbMemoryLimit, boolean keep, boolean jfr,
                           boolean verify, boolean startupOnly, List<String> jvmOptions, String snowflakeUrl,
                           String snowflakeUser, String snowflakePassword, int rounds, int startupRounds) { }

    static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 1, 15);
    static final String LOADER_DATABASE = "gdw_bench_loader";
    static final String RAW_DATABASE = "gdw_bench_raw";
    private static final String PG_RAW = "PostgreSQL raw text COPY";
    private static final String PG_LOADER = "PostgreSQL loader";
    private static final String DUCK_LOADER = "DuckDB loader";
    private static final String DUCK_IMPORT = "DuckDB read_csv import";
    private static final String SNOWFLAKE_LOADER = "Snowflake loader";

    /** A ratio the targets are stated in: the loader's rows/s over a baseline's. */
    private record Ratio(String what, String loader, String baseline, String target) { }

    private static final List<Ratio> RATIOS = List.of(
            new Ratio("PostgreSQL loader / PostgreSQL raw COPY", PG_LOADER, PG_RAW, ">= 1.18 (>= 1.0)"),
            new Ratio("DuckDB loader / PostgreSQL raw COPY", DUCK_LOADER, PG_RAW, ">= 1.0"),
            new Ratio("DuckDB loader / DuckDB import", DUCK_LOADER, DUCK_IMPORT, ">= 0.7"));

    private final Settings settings;
    private final PrintStream out;
    private final PostgresServer server;
    private boolean allLoaded = true;
    private TableChecksum pgBaseline;
    private TableChecksum duckLoaded;

    public Benchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.server = new PostgresServer(settings.pgUrl(), settings.pgUser(), settings.pgPassword());
    }

    /** Runs every size; false when a load did not complete with every row (or, verifying, wrote other values). */
    public boolean run() throws Exception {
        StreamDefinition s = StreamCatalog.load(settings.streamsDir(), UnaryOperator.identity()).only(null);
        if (!settings.startupOnly()) {
            List<List<Measurement>> bySize = new ArrayList<>();
            for (long rows : settings.rows()) {
                bySize.add(measure(s, rows));
            }
            if (bySize.size() > 1) {
                printHeapFlatness(bySize.get(0), bySize.get(bySize.size() - 1));
            }
            out.println("results appended to " + results());
        }
        measureStartup(s);
        return allLoaded;
    }

    /** Start-up and size: what every scheduled run pays before and after its load. */
    private void measureStartup(StreamDefinition s) throws Exception {
        out.printf(Locale.ROOT, "%n== start-up (wall time of a fresh JVM per command, median of %d%s); load average %s%n",
                settings.startupRounds(), settings.jvmOptions().isEmpty() ? "" : ", JVM options " + String.join(" ", settings.jvmOptions()),
                loadAverage());
        StartupBench startup = new StartupBench(out, settings.work(), settings.jvmOptions(), settings.startupRounds());
        if (settings.duckdb()) {
            allLoaded &= startup.measure(s, "embedded", null, null, null, () -> { });
        }
        if (settings.postgres()) {
            allLoaded &= startup.measure(s, "PostgreSQL", server.urlOf(LOADER_DATABASE), settings.pgUser(), settings.pgPassword(), () -> {
                try {
                    server.recreate(LOADER_DATABASE);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("cannot create " + LOADER_DATABASE + ": " + e.getMessage(), e);
                }
            });
            if (!settings.keep()) {
                server.drop(LOADER_DATABASE);
            }
        }
        startup.printShippedSize();
    }

    /**
     * Each target and its baseline, {@code rounds} times in turn (baseline, loader, baseline, loader, ...), so that each
     * round's ratio compares two loads of the same minutes; with more than one round, the medians. Returns the last
     * round.
     */
    private List<Measurement> measure(StreamDefinition s, long rows) throws Exception {
        FeedGenerator.Generated feed = feed(s, rows);
        long bytes = Files.size(feed.loadFile());
        out.printf(Locale.ROOT, "%n== %,d rows: %s, %.1f MB; %d CPUs; loader JVM -Xmx%s%s; load average %s%n", rows,
                feed.loadFile().getFileName(), bytes / 1048576.0, Runtime.getRuntime().availableProcessors(), settings.heap(),
                settings.jvmOptions().isEmpty() ? "" : " " + String.join(" ", settings.jvmOptions()), loadAverage());
        List<List<Measurement>> rounds = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            if (settings.rounds() > 1) {
                out.printf(Locale.ROOT, "-- round %d of %d%n", round, settings.rounds());
            }
            List<Measurement> m = new ArrayList<>();
            if (settings.postgres()) {
                m.add(postgresRawCopy(s, feed, bytes));
                m.add(postgresLoader(s, feed, bytes));
            }
            if (settings.duckdb()) {
                m.add(duckDbLoader(s, feed, bytes));
                m.add(duckDbImport(s, feed, bytes));
            }
            if (settings.snowflakeUrl() != null) {
                m.add(snowflakeLoader(s, feed, bytes));
            }
            print(m);
            m.forEach(this::record);
            rounds.add(m);
        }
        if (rounds.size() > 1) {
            printMedians(rounds);
        }
        return rounds.get(rounds.size() - 1);
    }

    /** The plain (.txt) feed of {@code rows} clean records with its trigger; reused when an earlier run made it. */
    private FeedGenerator.Generated feed(StreamDefinition s, long rows) throws IOException {
        Path dir = settings.work().resolve("feed").resolve(Long.toString(rows));
        String unit = s.files().sampleUnits().get(0);
        Path load = dir.resolve(s.files().loadName(unit, BUSINESS_DATE, false));
        Path trigger = dir.resolve(s.files().triggerName(unit, BUSINESS_DATE));
        FeedGenerator generator = new FeedGenerator(s).gzip(false).controlLine(true);
        // the trigger is written after the load file, so a trigger with the right count means a complete file
        if (Files.exists(trigger) && Files.exists(load) && Files.readString(trigger).trim().endsWith("|" + rows)) {
            return new FeedGenerator.Generated(load, trigger, rows, java.util.Map.of());
        }
        out.printf(Locale.ROOT, "generating %,d rows into %s ...%n", rows, dir);
        return generator.generate(dir, unit, BUSINESS_DATE, rows, 0);
    }

    private Measurement postgresRawCopy(StreamDefinition s, FeedGenerator.Generated feed, long bytes) throws Exception {
        server.recreate(RAW_DATABASE);
        String before = loadAverage();
        double seconds = server.rawCopy(RAW_DATABASE, s, feed.loadFile(), BUSINESS_DATE);
        Measurement m = new Measurement(PG_RAW, feed.rows(), bytes, seconds, null, null, null, before, loadAverage());
        if (settings.verify()) {
            try (Connection c = server.connect(RAW_DATABASE)) {
                pgBaseline = TableChecksum.postgres(c, s);
            }
        }
        if (!settings.keep()) {
            // dropped at once: its autovacuum must not run during the next measurement
            server.drop(RAW_DATABASE);
        }
        return m;
    }

    private Measurement postgresLoader(StreamDefinition s, FeedGenerator.Generated feed, long bytes) throws Exception {
        Path dir = landingWith(settings.work().resolve("postgresql"), feed);
        server.recreate(LOADER_DATABASE);
        server.checkpoint();
        String before = loadAverage();
        LoaderProcess.Result r = LoaderProcess.run(dir, server.urlOf(LOADER_DATABASE), settings.pgUser(), settings.pgPassword(),
                settings.heap(), settings.jvmOptions(), BUSINESS_DATE, settings.jfr());
        String after = loadAverage();
        Measurement m;
        try (Connection c = server.connect(LOADER_DATABASE)) {
            m = loaderMeasurement(PG_LOADER, c, r, feed, bytes, before, after, PostgresServer.countRows(c, s));
            if (settings.verify()) {
                compare(PG_LOADER, TableChecksum.postgres(c, s), PG_RAW, pgBaseline);
            }
        }
        if (!settings.keep()) {
            server.drop(LOADER_DATABASE);
        }
        return m;
    }

    private Measurement duckDbLoader(StreamDefinition s, FeedGenerator.Generated feed, long bytes) throws Exception {
        Path dir = landingWith(settings.work().resolve("duckdb"), feed);
        String before = loadAverage();
        LoaderProcess.Result r = LoaderProcess.run(dir, null, null, null, settings.heap(), settings.jvmOptions(), BUSINESS_DATE, settings.jfr());
        String after = loadAverage();
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        Path file = dir.resolve("db").resolve("loader.duckdb");
        if (!Files.exists(file)) {
            throw new IllegalStateException(DUCK_LOADER + " ended (exit code " + r.exitCode() + ") without creating " + file
                    + "; the end of " + r.output() + ":\n" + LoaderProcess.tail(r.output(), 30));
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), readOnly)) {
            long rows;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")) {
                rs.next();
                rows = rs.getLong(1);
            }
            if (settings.verify()) {
                duckLoaded = TableChecksum.duckdb(c, s);
            }
            return loaderMeasurement(DUCK_LOADER, c, r, feed, bytes, before, after, rows);
        }
    }

    /**
     * The loader into the Snowflake the URL names (the emulator, in this project): the row count proves the path end to
     * end; its rows/s are the emulator's, not a performance claim about Snowflake.
     */
    private Measurement snowflakeLoader(StreamDefinition s, FeedGenerator.Generated feed, long bytes) throws Exception {
        Path dir = landingWith(settings.work().resolve("snowflake"), feed);
        String before = loadAverage();
        LoaderProcess.Result r = LoaderProcess.run(dir, settings.snowflakeUrl(), settings.snowflakeUser(), settings.snowflakePassword(),
                settings.heap(), settings.jvmOptions(), BUSINESS_DATE, settings.jfr());
        String after = loadAverage();
        Properties props = com.bank.gdw.loader.db.DatabaseKind.SNOWFLAKE.driverProperties();
        if (settings.snowflakeUser() != null && !settings.snowflakeUser().isBlank()) {
            props.setProperty("user", settings.snowflakeUser());
            props.setProperty("password", settings.snowflakePassword() == null ? "" : settings.snowflakePassword());
        }
        try (Connection c = DriverManager.getConnection(settings.snowflakeUrl(), props)) {
            long rows;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + s.targetTable())) {
                rs.next();
                rows = rs.getLong(1);
            }
            out.printf(Locale.ROOT, "Snowflake: %,d rows in %s (a row count that proves the path; the rows/s are the emulator's, "
                    + "not a performance claim about Snowflake)%n", rows, s.targetTable());
            return loaderMeasurement(SNOWFLAKE_LOADER, c, r, feed, bytes, before, after, rows);
        }
    }

    private Measurement duckDbImport(StreamDefinition s, FeedGenerator.Generated feed, long bytes) throws Exception {
        Path dir = settings.work().resolve("duckdb-import");
        String before = loadAverage();
        DuckDbImport.Timing t = DuckDbImport.run(dir, s, feed.loadFile(), BUSINESS_DATE, settings.duckdbMemoryLimit());
        Measurement m = new Measurement(DUCK_IMPORT, feed.rows(), bytes, t.seconds(), null, t.cpuSeconds(), null, before, loadAverage());
        if (settings.verify()) {
            Properties readOnly = new Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbImport.FILE).toAbsolutePath(), readOnly)) {
                compare(DUCK_LOADER, duckLoaded, DUCK_IMPORT, TableChecksum.duckdb(c, s));
            }
        }
        if (!settings.keep()) {
            deleteTree(dir);
        }
        return m;
    }

    /** Says whether the loader wrote the same values (file columns) as the database's own import of the file. */
    private void compare(String loader, TableChecksum loaded, String baseline, TableChecksum expected) {
        if (loaded == null || expected == null) {
            return;
        }
        boolean same = loaded.equals(expected);
        allLoaded &= same;
        out.printf(Locale.ROOT, "content check: %s %s %s (%,d vs %,d rows, checksum %s vs %s)%n", loader, same ? "wrote the same values as" : "DIFFERS from",
                baseline, loaded.rows(), expected.rows(), loaded.sum(), expected.sum());
    }

    /**
     * The loader's run as the DCF tables recorded it: the unit's status and rows written, and the run's time from
     * STRM_START_TS to STRM_END_TS, which is stamped after the unit's commit, the archive moves and the report.
     */
    private Measurement loaderMeasurement(String target, Connection c, LoaderProcess.Result r, FeedGenerator.Generated feed,
                                          long bytes, String before, String after, long targetRows) throws SQLException, IOException {
        String status = null;
        long written = -1;
        double seconds = r.seconds();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT p.PRCS_STATUS, p.ROWS_WRITTEN, "
                + "r.STRM_START_TS, r.STRM_END_TS FROM DCF_T_PRCS_INST p JOIN DCF_T_STRM_INST r ON r.STRM_INST_ID = p.STRM_INST_ID "
                + "ORDER BY p.PRCS_INST_ID DESC LIMIT 1")) {
            if (rs.next()) {
                status = rs.getString(1);
                written = rs.getLong(2);
                LocalDateTime start = rs.getTimestamp(3).toLocalDateTime();
                LocalDateTime end = rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toLocalDateTime();
                if (end != null) {
                    seconds = Duration.between(start, end).toMillis() / 1000.0;
                }
            }
        }
        if (r.exitCode() != 0 || !"COMPLETED".equals(status) || written != feed.rows() || targetRows != feed.rows()) {
            allLoaded = false;
            out.printf("%s did not load every row: exit code %d, unit %s, %d rows written, %d in the table; the end of %s:%n%s%n",
                    target, r.exitCode(), status, written, targetRows, r.output(), LoaderProcess.tail(r.output(), 30));
        }
        if (settings.jfr()) {
            Path jfr = r.output().resolveSibling("loader.jfr");
            out.printf("%s profile %s:%n%s", target, jfr, JfrHotMethods.summarize(jfr, 8));
        }
        return new Measurement(target, feed.rows(), bytes, seconds, r.seconds(), r.cpuSeconds() < 0 ? null : r.cpuSeconds(), r.heap(),
                before, after);
    }

    /** A fresh data directory whose landing holds the feed (hard links: the loader moves them away, the feed stays). */
    private static Path landingWith(Path dir, FeedGenerator.Generated feed) throws IOException {
        deleteTree(dir);
        Path landing = Files.createDirectories(dir.resolve("landing"));
        for (Path f : List.of(feed.loadFile(), feed.triggerFile())) {
            Path to = landing.resolve(f.getFileName());
            try {
                Files.createLink(to, f);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(f, to);
            }
        }
        return dir.toAbsolutePath();
    }

    private void print(List<Measurement> m) {
        out.printf("%-26s %10s %8s %9s %10s %8s  %-28s %s%n", "target", "rows/s", "MB/s", "seconds", "process s", "cpu s",
                "heap (GC log)", "load average before -> after");
        for (Measurement x : m) {
            out.printf(Locale.ROOT, "%-26s %,10.0f %8.1f %9.2f %10s %8s  %-28s %s -> %s%n", x.target(), x.rowsPerSecond(),
                    x.megabytesPerSecond(), x.seconds(), seconds(x.processSeconds()), seconds(x.cpuSeconds()),
                    x.heap() == null ? "-" : x.heap().describe(), x.loadBefore(), x.loadAfter());
        }
        out.println("ratios of rows/s (loader: its run; in brackets: its whole process, JVM start included)      target");
        for (Ratio r : RATIOS) {
            Measurement loader = find(m, r.loader());
            Measurement baseline = find(m, r.baseline());
            if (loader != null && baseline != null) {
                out.printf(Locale.ROOT, "  %-42s %5.2f  (%.2f)%40s%n", r.what(), loader.rowsPerSecond() / baseline.rowsPerSecond(),
                        loader.processRowsPerSecond() / baseline.rowsPerSecond(), r.target());
            }
        }
    }

    /** The median of each round's ratio, and the lowest and highest, over the rounds. */
    private void printMedians(List<List<Measurement>> rounds) {
        out.printf(Locale.ROOT, "ratios over the %d rounds: median of each round's ratio [lowest - highest]%s%n", rounds.size(), " ".repeat(16));
        for (Ratio r : RATIOS) {
            List<Double> run = new ArrayList<>();
            List<Double> process = new ArrayList<>();
            for (List<Measurement> m : rounds) {
                Measurement loader = find(m, r.loader());
                Measurement baseline = find(m, r.baseline());
                if (loader != null && baseline != null) {
                    run.add(loader.rowsPerSecond() / baseline.rowsPerSecond());
                    process.add(loader.processRowsPerSecond() / baseline.rowsPerSecond());
                }
            }
            if (!run.isEmpty()) {
                out.printf(Locale.ROOT, "  %-42s %5.2f [%.2f - %.2f]  (%.2f [%.2f - %.2f])%16s%n", r.what(), median(run),
                        Collections.min(run), Collections.max(run), median(process), Collections.min(process),
                        Collections.max(process), r.target());
            }
        }
    }

    /** The middle value; of an even count, the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String seconds(Double s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.2f", s);
    }

    private void printHeapFlatness(List<Measurement> small, List<Measurement> large) {
        out.printf(Locale.ROOT, "%n== loader heap, %,d vs %,d rows (flat: within 10%%; peak = most in use when a GC started, "
                + "live = most left after a marking cycle)%n", small.get(0).rows(), large.get(0).rows());
        for (String target : List.of(PG_LOADER, DUCK_LOADER)) {
            Measurement a = find(small, target);
            Measurement b = find(large, target);
            if (a == null || b == null || a.heap().collections() == 0 || b.heap().collections() == 0) {
                continue;
            }
            double peak = change(a.heap().peakBytes(), b.heap().peakBytes());
            double live = change(a.heap().maxLiveBytes(), b.heap().maxLiveBytes());
            out.printf(Locale.ROOT, "  %-20s peak %s -> %s (%+.1f%%): %s; live %s -> %s (%+.1f%%): %s%n", target,
                    HeapPeak.mb(a.heap().peakBytes()), HeapPeak.mb(b.heap().peakBytes()), peak, flat(peak),
                    HeapPeak.mb(a.heap().maxLiveBytes()), HeapPeak.mb(b.heap().maxLiveBytes()), live, flat(live));
        }
    }

    private static String flat(double change) {
        return Math.abs(change) <= 10 ? "flat" : "NOT flat";
    }

    private static double change(long from, long to) {
        return 100.0 * (to - from) / from;
    }

    private static Measurement find(List<Measurement> m, String target) {
        return m.stream().filter(x -> x.target().equals(target)).findFirst().orElse(null);
    }

    private Path results() {
        return settings.work().resolve("results.csv");
    }

    /** One CSV line per measurement, so runs on a quiet machine can be compared later. */
    private void record(Measurement m) {
        try {
            Files.createDirectories(settings.work());
            Path f = results();
            String header = Files.exists(f) ? "" : "time,rows,target,seconds,rows_per_s,mb_per_s,process_seconds,cpu_seconds,peak_heap_mb,"
                    + "live_heap_mb,load_before,load_after\n";
            String line = String.format(Locale.ROOT, "%s,%d,%s,%.3f,%.0f,%.2f,%s,%s,%s,%s,%s,%s%n", LocalDateTime.now().withNano(0), m.rows(),
                    m.target(), m.seconds(), m.rowsPerSecond(), m.megabytesPerSecond(),
                    m.processSeconds() == null ? "" : String.format(Locale.ROOT, "%.3f", m.processSeconds()),
                    m.cpuSeconds() == null ? "" : String.format(Locale.ROOT, "%.2f", m.cpuSeconds()),
                    m.heap() == null ? "" : m.heap().peakBytes() >> 20, m.heap() == null ? "" : m.heap().maxLiveBytes() >> 20,
                    m.loadBefore().replace(' ', '/'), m.loadAfter().replace(' ', '/'));
            Files.writeString(f, header + line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1, 5 and 15 minute load averages: how busy the machine was around a measurement. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
