package com.bank.gdw.loader.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import com.bank.gdw.loader.App;
import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.TestDatabase;

/**
 * The whole loader as `serve` runs it (Camel main, file trigger, JMX, HTTP), in this JVM, on a fresh data directory
 * under target/ with its own embedded database (or a fresh {@link TestDatabase} one) and a free HTTP port. Quick
 * polling, no settle time.
 */
final class RunningLoader implements AutoCloseable {

    static final String STREAM = "bcfinsg";

    private final Main main;
    private final Path dataDir;
    private final int httpPort;
    private final Runnable dropDatabase;

    private RunningLoader(Main main, Path dataDir, int httpPort, Runnable dropDatabase) {
        this.main = main;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.dropDatabase = dropDatabase;
    }

    /** Starts the loader for a test class on its embedded database; {@code overrides} win over the test defaults. */
    static RunningLoader start(String name, Map<String, String> overrides) {
        return start(name, TestDatabase.DUCKDB, overrides);
    }

    /**
     * Starts the loader for a test class on a fresh database of that kind (named after the test, dropped again by
     * {@link #close()}); {@code overrides} win over the test defaults.
     */
    static RunningLoader start(String name, TestDatabase database, Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        String url = database.freshUrl(name);
        if (url != null) {
            props.put("loader.db.url", url);
            props.put("loader.db.user", database.user());
        }
        props.putAll(overrides);
        return start(name, props, () -> database.drop(name));
    }

    private static RunningLoader start(String name, Map<String, String> overrides, Runnable dropDatabase) {
        Path dataDir = freshDataDir(name);
        int port = FreePorts.next();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("loader.data-dir", dataDir.toString());
        props.put("loader.http.port", String.valueOf(port));
        props.put("loader.files.settle-ms", "0");
        props.put("loader.trigger.poll-delay-ms", "200");
        props.put("loader.trigger.quiet-period-ms", "500");
        props.put("loader.sweep.enabled", "false");
        props.putAll(overrides);
        Main main = new Main();
        props.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            stopQuietly(main);
            dropDatabase.run();
            throw new IllegalStateException("the loader did not start: " + e.getMessage(), e);
        }
        RunningLoader running = new RunningLoader(main, dataDir, port, dropDatabase);
        running.awaitDatabasesReady();
        return running;
    }

    /**
     * As a client waiting for readiness would: the databases are made ready in the background at start. A database
     * the test keeps down never gets there; readiness and the API say so, and the test goes on at once.
     */
    private void awaitDatabasesReady() {
        Loader l = loader();
        long started = System.nanoTime();
        while (!l.isInitialized()) {
            long waited = System.nanoTime() - started;
            boolean settingUpAWhile = waited > TimeUnit.SECONDS.toNanos(5);
            if (waited > TimeUnit.SECONDS.toNanos(60)
                    || settingUpAWhile && (!l.dcfDatabase().isReachable() || !l.targetDatabase().isReachable())) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Path freshDataDir(String name) {
        try {
            Path dir = Path.of("target", "ops-tests", name + "-" + System.nanoTime()).toAbsolutePath();
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    Loader loader() {
        return context().getRegistry().lookupByNameAndType("loader", Loader.class);
    }

    StreamDefinition stream() {
        return loader().streams().get(STREAM);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path dataDir() {
        return dataDir;
    }

    Path landing() {
        return loader().settings().directories().landing();
    }

    Path archiveLoad() {
        return loader().settings().directories().archiveLoad();
    }

    /** Writes the stream's sample units for a date into the landing directory, as the upstream system would. */
    List<FeedGenerator.Generated> drop(LocalDate date, long rows) {
        return generate(landing(), date, rows);
    }

    List<FeedGenerator.Generated> generate(Path dir, LocalDate date, long rows) {
        List<FeedGenerator.Generated> files = new ArrayList<>();
        FeedGenerator generator = new FeedGenerator(stream());
        try {
            for (String unit : stream().files().sampleUnits()) {
                files.add(generator.generate(dir, unit, date, rows, 0.05));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Rows of that business date in the target table. */
    long targetRows(LocalDate date) {
        StreamDefinition s = stream();
        return loader().dcf().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + s.targetTable() + " WHERE "
                + s.loaderColumns().businessDate() + " = :d").bind("d", date).mapTo(Long.class).one());
    }

    /** The runs of the stream for that business date, latest first. */
    List<RunRecord> runsOf(LocalDate date) {
        var dcf = loader().dcf();
        loader().initialize();
        return dcf.jdbi().withHandle(h -> dcf.runs().recent(h, stream().id(), 1000)).stream()
                .filter(r -> r.businessDate().equals(date)).toList();
    }

    Optional<RunRecord> completedRun(LocalDate date) {
        return runsOf(date).stream().filter(r -> r.status() == RunStatus.COMPLETED).findFirst();
    }

    /** Messages of the execution log, latest first. */
    List<String> execLogMessages() {
        loader().initialize();
        return loader().dcf().jdbi().withHandle(h -> h.createQuery("SELECT MESSAGE_TEXT FROM DCF_T_PRCS_EXEC_LOG "
                + "WHERE STRM_ID = :s ORDER BY EXEC_LOG_ID DESC").bind("s", stream().id()).mapTo(String.class).list());
    }

    @Override
    public void close() {
        stopQuietly(main);
        dropDatabase.run();
    }

    private static void stopQuietly(Main main) {
        try {
            main.stop();
        } catch (Exception e) {
            // the test is over either way
        }
    }
}
