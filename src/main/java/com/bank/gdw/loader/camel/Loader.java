package com.bank.gdw.loader.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.DcfClock;
import com.bank.gdw.loader.dcf.LeaseKeeper;
import com.bank.gdw.loader.dcf.Owner;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.dcf.RunLedger;
import com.bank.gdw.loader.dcf.UnitLedger;
import com.bank.gdw.loader.load.LoadPipeline;
import com.bank.gdw.loader.load.TargetWriter;
import com.bank.gdw.loader.load.TargetWriters;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.stream.FileSettling;
import com.bank.gdw.loader.run.StreamActivities;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

/** The loader assembled from its settings: databases, DCF tables, writer, pipeline and the beans the routes call. */
public final class Loader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

    private final LoaderSettings settings;
    private final StreamCatalog streams;
    private final Database dcfDatabase;
    private final Database targetDatabase;
    private final ControlTables dcf;
    private final TargetWriter writer;
    private final ExecutorService readers;
    private final LeaseKeeper keeper;
    private final StreamActivities activity = new StreamActivities();
    private final RunOpen runOpen;
    private final RunUnits runUnits;
    private final RunReport runReport;
    private final RunClose runClose;
    private final UnitStart unitStart;
    private final UnitLoad unitLoad;
    private final UnitArchive unitArchive;
    private final UnitFailures unitFailures;
    private final RunRequests runRequests;
    private final RunListeners listeners = new RunListeners();
    private volatile boolean initialized;

    /** {@code checkpoint}: told each named point a load passes ({@link Checkpoint#NONE} in production). */
    public Loader(LoaderSettings settings, Checkpoint checkpoint) {
        this.settings = settings;
        settings.directories().create();
        // placeholders in stream definitions ({{loader.sweep.cron}}) are resolved by Camel where the routes use them
        this.streams = StreamCatalog.load(settings.streamsDir(), UnaryOperator.identity());
        this.dcfDatabase = open("dcf", settings.effectiveDbUrl(), settings.dbUser(), settings.dbPassword());
        this.targetDatabase = settings.separateTarget()
                ? open("target", settings.targetUrl(), settings.targetUser(), settings.targetPassword()) : dcfDatabase;
        this.dcf = ControlTables.on(dcfDatabase, DcfClock.utc(), Owner.current(settings.instanceName()), settings.lease(),
                settings.retentionDays(), checkpoint);
        this.writer = TargetWriters.forKind(targetDatabase.kind(), settings.snowflakeStage(), checkpoint);
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "feed-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.keeper = new LeaseKeeper(dcf.jdbi(), dcf.lease(), settings.heartbeat());
        LoadPipeline pipeline = new LoadPipeline(readers, new LoadPipeline.Settings(settings.batchRows(), settings.queueBatches(),
                settings.maxLineBytes(), settings.directories().work(), settings.unitMaxRejects(), settings.unitMaxBytes()), checkpoint);
        FileSettling settling = new FileSettling(settings.settle(), settings.settleMaxWait());
        Path landing = settings.directories().landing();
        RunLedger runLedger = new RunLedger(dcf);
        this.runOpen = new RunOpen(runLedger, new Recovery(dcf, settings.directories().error()), keeper, landing, activity,
                this::initialize, checkpoint);
        this.runUnits = new RunUnits(runLedger, settling, landing, checkpoint);
        this.runReport = new RunReport(runLedger, new LoadReport(settings.directories().reports(), checkpoint), checkpoint);
        this.runClose = new RunClose(runLedger, runReport, keeper, activity, listeners, checkpoint);
        UnitLedger unitLedger = new UnitLedger(dcf, settings.directories(), targetDatabase);
        this.unitStart = new UnitStart(unitLedger, activity, checkpoint);
        this.unitLoad = new UnitLoad(unitLedger, writer, pipeline, targetDatabase.kind(), activity, settings.progressEvery().toMillis(),
                checkpoint);
        this.unitArchive = new UnitArchive(unitLedger, activity, listeners, checkpoint);
        this.unitFailures = new UnitFailures(unitLedger, unitArchive, targetDatabase.kind(), settings.unitMaxAttempts());
        this.runRequests = new RunRequests(streams, settings.directories().landing());
    }

    private Database open(String name, String url, String user, String password) {
        Properties props = DatabaseKind.of(url).driverProperties();
        if (DatabaseKind.of(url) == DatabaseKind.DUCKDB) {
            try {
                Files.createDirectories(settings.dbDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (DatabaseKind.of(url) == DatabaseKind.POSTGRESQL) {
            props.setProperty("reWriteBatchedInserts", "true");
        }
        return new Database(name, url, user, password, settings.dbPoolSize(), props);
    }

    /**
     * Creates or upgrades the DCF tables, registers the streams and creates missing target tables. Called at start
     * and again before a run until it has succeeded, so the loader can start while its database is down.
     */
    public synchronized void initialize() {
        if (initialized) {
            return;
        }
        LOG.info("DCF database {}{}", dcfDatabase.describe(),
                targetDatabase == dcfDatabase ? " (target tables too)" : ", target database " + targetDatabase.describe());
        if (dcfDatabase.kind() == DatabaseKind.DUCKDB) {
            tuneDuckDb(dcfDatabase);
        }
        dcfDatabase.migrate();
        dcf.jdbi().useTransaction(h -> streams.all().forEach(s -> dcf.streams().register(h, s)));
        try (Connection c = targetDatabase.connect()) {
            for (StreamDefinition s : streams.all()) {
                writer.prepare(c, s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the target tables: " + e.getMessage(), e);
        }
        initialized = true;
        streams.all().forEach(runOpen::recoverIfFree);
    }

    private void tuneDuckDb(Database db) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET memory_limit = '" + settings.duckdbMemoryLimit().replaceAll("[^0-9A-Za-z.]", "") + "'");
            if (settings.duckdbThreads() > 0) {
                st.execute("SET threads = " + settings.duckdbThreads());
            }
            st.execute("SET temp_directory = '" + settings.directories().work().toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot configure DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * Initializes at start; when a database is unreachable the loader starts anyway and keeps trying in the background
     * (runs try again too), so a database outage at start-up needs no restart.
     */
    public void start() {
        try {
            initialize();
        } catch (RuntimeException e) {
            LOG.error("database not ready ({}); retrying every {} s", CamelErrors.rootMessage(e), settings.initRetry().toSeconds());
            Thread retry = new Thread(this::retryInitialize, "loader-init-retry");
            retry.setDaemon(true);
            retry.start();
        }
    }


    private void retryInitialize() {
        while (!initialized && !closed) {
            try {
                Thread.sleep(settings.initRetry().toMillis());
                initialize();
                LOG.info("database ready");
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("database still not ready: {}", CamelErrors.rootMessage(e));
            }
        }
    }

    private volatile boolean closed;

    public boolean isInitialized() {
        return initialized;
    }

    public LoaderSettings settings() {
        return settings;
    }

    public StreamCatalog streams() {
        return streams;
    }

    public ControlTables dcf() {
        return dcf;
    }

    public Database dcfDatabase() {
        return dcfDatabase;
    }

    public Database targetDatabase() {
        return targetDatabase;
    }

    public RunOpen runOpen() {
        return runOpen;
    }

    public RunUnits runUnits() {
        return runUnits;
    }

    public RunReport runReport() {
        return runReport;
    }

    public RunClose runClose() {
        return runClose;
    }

    public UnitStart unitStart() {
        return unitStart;
    }

    public UnitLoad unitLoad() {
        return unitLoad;
    }

    public UnitArchive unitArchive() {
        return unitArchive;
    }

    public UnitFailures unitFailures() {
        return unitFailures;
    }

    public RunRequests runRequests() {
        return runRequests;
    }

    public StreamActivities activity() {
        return activity;
    }

    /** Who is told when units and runs end (metrics); add a listener before the first run. */
    public RunListeners listeners() {
        return listeners;
    }

    public Path landing() {
        return settings.directories().landing();
    }

    @Override
    public void close() {
        closed = true;
        keeper.close();
        readers.shutdownNow();
        if (targetDatabase != dcfDatabase) {
            targetDatabase.close();
        }
        dcfDatabase.close();
    }
}
