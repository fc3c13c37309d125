package com.bank.gdw.loader.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.DcfClock;
import com.bank.gdw.loader.dcf.LeaseKeeper;
import com.bank.gdw.loader.dcf.Owner;
import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.dcf.RunLedger;
import com.bank.gdw.loader.dcf.UnitLedger;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.load.LoadPipeline;
import com.bank.gdw.loader.load.TargetWriter;
import com.bank.gdw.loader.load.TargetWriters;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.run.StreamActivities;
import com.bank.gdw.loader.stream.FileSettling;
import com.bank.gdw.loader.stream.StreamCatalog;

/** The loader assembled from its settings: databases, DCF tables, writer, pipeline and the beans the routes call. */
public final class Loader implements AutoCloseable {

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
    private final IdleRecovery idleRecovery;
    private final ArchiveReplay archiveReplay;
    private final RunListeners listeners = new RunListeners();
    private final DatabaseSetup setup;

    /** {@code checkpoint}: told each named point a load passes ({@link Checkpoint#NONE} in production). */
    public Loader(LoaderSettings settings, Checkpoint checkpoint) {
        this.settings = settings;
        // placeholders in stream definitions ({{loader.sweep.cron}}) are resolved by Camel where the routes use them;
        // read first: a definition refused must leave no directory and no database behind
        this.streams = StreamCatalog.load(settings.streamsDir(), UnaryOperator.identity());
        settings.directories().create();
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
        Recovery recovery = new Recovery(dcf, settings.directories().error());
        RecoveredArchives archives = new RecoveredArchives();
        this.setup = new DatabaseSetup(settings, dcfDatabase, targetDatabase, dcf, streams, writer, runLedger, recovery, keeper, archives);
        this.archiveReplay = new ArchiveReplay(runLedger, setup, landing);
        this.runOpen = new RunOpen(runLedger, recovery, keeper, landing, activity, setup, checkpoint, archives);
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
        this.idleRecovery = new IdleRecovery(streams, runLedger, recovery, keeper, setup);
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
     * Makes the databases ready (DatabaseSetup): DCF tables, streams, target tables, recovery. Called at start and
     * again before a run until it has succeeded, so the loader can start while its database is down.
     */
    public void initialize() {
        setup.ensureReady();
    }

    /** Makes the databases ready in the background while Camel starts, trying again while one cannot be reached. */
    public void start() {
        setup.start();
    }

    public boolean isInitialized() {
        return setup.isReady();
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

    /** Loads dates again from the archive (replay command, JMX). */
    public ArchiveReplay archiveReplay() {
        return archiveReplay;
    }

    public RunRequests runRequests() {
        return runRequests;
    }

    public IdleRecovery idleRecovery() {
        return idleRecovery;
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
        setup.close();
        keeper.close();
        readers.shutdownNow();
        if (targetDatabase != dcfDatabase) {
            targetDatabase.close();
        }
        dcfDatabase.close();
    }
}
