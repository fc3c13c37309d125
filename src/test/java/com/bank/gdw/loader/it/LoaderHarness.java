package com.bank.gdw.loader.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import com.bank.gdw.loader.App;
import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.camel.RunRequest;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.TestDatabase;

/**
 * A loader started the way production starts it (Camel main with the packaged routes and configuration), on its own
 * data directory and database, for end-to-end tests. It remembers every file a test drops, so the "no file
 * disappears" invariant can be checked.
 */
public final class LoaderHarness implements AutoCloseable {

    private final Main main;
    private final Path dataDir;
    private final TestDatabase database;
    private final String databaseName;
    private final Set<String> dropped = new LinkedHashSet<>();

    private LoaderHarness(Main main, Path dataDir, TestDatabase database, String databaseName) {
        this.main = main;
        this.dataDir = dataDir;
        this.database = database;
        this.databaseName = databaseName;
    }

    /** Options of a harness. */
    public static final class Options {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private TestDatabase database = TestDatabase.DUCKDB;
        private String databaseName;
        private String url;
        private boolean keep;

        /** Opens an existing data directory and database instead of fresh ones (to inspect what a child loader left). */
        public Options existing(String dbUrl) {
            this.url = dbUrl;
            this.keep = true;
            return this;
        }

        public Options database(TestDatabase db, String name) {
            this.database = db;
            this.databaseName = name;
            return this;
        }

        public Options property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** File-drop and sweep consumers on, reacting quickly. */
        public Options triggers() {
            return property("loader.triggers.enabled", "true").property("loader.trigger.poll-delay-ms", "200")
                    .property("loader.trigger.quiet-period-ms", "700");
        }
    }

    public static Options options() {
        return new Options();
    }

    /** Starts a loader whose data directory is target/it/{name}, emptied first. */
    public static LoaderHarness start(String name, Options o) {
        LoaderHarness h = startUninitialized(name, o);
        h.loader().initialize();
        return h;
    }

    /** Starts a loader as the container does, without waiting for its database. */
    public static LoaderHarness startUninitialized(String name, Options o) {
        Path dataDir = Path.of("target", "it", name).toAbsolutePath();
        if (!o.keep) {
            deleteTree(dataDir);
        }
        Main main = new Main();
        main.addOverrideProperty("loader.data-dir", dataDir.toString());
        main.addOverrideProperty("loader.triggers.enabled", "false");
        main.addOverrideProperty("loader.files.settle-ms", "0");
        main.addOverrideProperty("loader.sweep.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "false");
        // mail delivery and housekeeping are their own tests' business (NotificationMailTest, RetentionHousekeepingTest)
        main.addOverrideProperty("loader.outbox.enabled", "false");
        main.addOverrideProperty("loader.housekeeping.enabled", "false");
        main.addOverrideProperty("loader.late-feeds.enabled", "false");
        String databaseName = o.databaseName != null ? o.databaseName : name;
        String url = o.keep ? o.url : o.database.freshUrl(databaseName);
        if (url != null) {
            main.addOverrideProperty("loader.db.url", url);
            main.addOverrideProperty("loader.db.user", TestDatabase.ofUrl(url).user());
        }
        o.properties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("loader did not start: " + e.getMessage(), e);
        }
        return new LoaderHarness(main, dataDir, o.database, databaseName);
    }

    /** The kind of database the harness runs on. */
    public TestDatabase database() {
        return database;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public Loader loader() {
        return context().getRegistry().lookupByNameAndType("loader", Loader.class);
    }

    public StreamDefinition stream() {
        return loader().streams().get("bcfinsg");
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path landing() {
        return loader().landing();
    }

    public Path archiveLoad() {
        return dataDir.resolve("archive/outbound");
    }

    public Path archiveTrigger() {
        return dataDir.resolve("archive/inbound");
    }

    public Path error() {
        return dataDir.resolve("error");
    }

    public Path reports() {
        return dataDir.resolve("reports");
    }

    /** Runs the stream for a date as `run --date` would. */
    public RunOutcome run(LocalDate date) {
        return run("bcfinsg", date);
    }

    public RunOutcome run(String stream, LocalDate date) {
        return context().createProducerTemplate().requestBody("direct:" + stream + "-run",
                RunRequest.of(date, TriggerType.MANUAL), RunOutcome.class);
    }

    /** Generates a unit into landing (gzip, with control line) and remembers its files. */
    public FeedGenerator.Generated generate(String unit, LocalDate date, long rows, double badRatio) {
        return generate(new FeedGenerator(stream()), unit, date, rows, badRatio);
    }

    public FeedGenerator.Generated generate(FeedGenerator generator, String unit, LocalDate date, long rows, double badRatio) {
        try {
            FeedGenerator.Generated g = generator.generate(landing(), unit, date, rows, badRatio);
            dropped(g.loadFile());
            dropped(g.triggerFile());
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file into landing and remembers it. */
    public Path drop(String name, String content) {
        try {
            Path p = Files.writeString(landing().resolve(name), content);
            dropped(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path drop(String name, byte[] content) {
        try {
            Path p = Files.write(landing().resolve(name), content);
            dropped(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void dropped(Path file) {
        dropped.add(file.getFileName().toString());
    }

    public Set<String> droppedFiles() {
        return dropped;
    }

    /** Rows of a query on the DCF database. */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = loader().dcfDatabase().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof LocalDate d) {
                    ps.setDate(i + 1, java.sql.Date.valueOf(d));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i).toUpperCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The single number a query returns. */
    public long number(String sql, Object... params) {
        Object v = rows(sql, params).get(0).values().iterator().next();
        return v == null ? 0 : ((Number) v).longValue();
    }

    public void execute(String sql, Object... params) {
        try (Connection c = loader().dcfDatabase().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Names of the regular files in a directory. */
    public static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        database.drop(databaseName);
    }
}
