package com.bank.gdw.loader.camel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.db.DatabaseWaits;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.LeaseKeeper;
import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.dcf.RunLedger;
import com.bank.gdw.loader.load.TargetColumns;
import com.bank.gdw.loader.load.TargetWriter;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The databases made ready for runs: the DCF tables created or upgraded, the streams registered, missing target
 * tables created, and what a dead instance left recovered where no live one holds the stream. Done at start and again
 * before a run until it has succeeded, so the loader can start while its database is down.
 */
public final class DatabaseSetup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSetup.class);

    private final LoaderSettings settings;
    private final Database dcfDatabase;
    private final Database targetDatabase;
    private final ControlTables dcf;
    private final StreamCatalog streams;
    private final TargetWriter writer;
    private final RunLedger runLedger;
    private final Recovery recovery;
    private final RecoveredArchives archives;
    private final LeaseKeeper keeper;
    private volatile boolean ready;
    private volatile boolean closed;

    public DatabaseSetup(LoaderSettings settings, Database dcfDatabase, Database targetDatabase, ControlTables dcf,
                         StreamCatalog streams, TargetWriter writer, RunLedger runLedger, Recovery recovery, LeaseKeeper keeper,
                         RecoveredArchives archives) {
        this.archives = archives;
        this.settings = settings;
        this.dcfDatabase = dcfDatabase;
        this.targetDatabase = targetDatabase;
        this.dcf = dcf;
        this.streams = streams;
        this.writer = writer;
        this.runLedger = runLedger;
        this.recovery = recovery;
        this.keeper = keeper;
    }

    /** Makes the databases ready unless they are; throws when a database cannot be reached. */
    public synchronized void ensureReady() {
        if (ready) {
            return;
        }
        long started = System.nanoTime();
        LOG.info("DCF database {}{}", dcfDatabase.describe(),
                targetDatabase == dcfDatabase ? " (target tables too)" : ", target database " + targetDatabase.describe());
        if (dcfDatabase.kind() == DatabaseKind.DUCKDB) {
            tuneDuckDb(dcfDatabase);
        }
        dcfDatabase.migrate();
        long migrated = System.nanoTime();
        dcf.jdbi().useTransaction(h -> streams.all().forEach(s -> dcf.streams().register(h, s)));
        try (Connection c = targetDatabase.connect()) {
            for (StreamDefinition s : streams.all()) {
                boolean existed = exists(c, s.targetTable());
                try (DatabaseWaits.Wait w = DatabaseWaits.start("creating the target table " + s.targetTable() + " unless it exists")) {
                    writer.prepare(c, s);
                }
                if (!existed) {
                    reportCreated(s);
                } else {
                    // the start's check (TargetTableCheck) ran before this database answered, or the table changed since
                    checkColumns(c, s);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the target tables: " + e.getMessage(), e);
        }
        long prepared = System.nanoTime();
        ready = true;
        streams.all().forEach(this::recoverIfFree);
        long recovered = System.nanoTime();
        LOG.info("databases ready in {} ms (first connection and migrations {} ms, streams and target tables {} ms, recovery {} ms)",
                millis(started, recovered), millis(started, migrated), millis(migrated, prepared), millis(prepared, recovered));
    }

    /** True when the table answers a query; on PostgreSQL the failed one must not leave a transaction aborted. */
    private static boolean exists(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return false;
        }
    }

    /** Refuses a table with other columns than its definition's; a driver that cannot list them is no reason to stop. */
    private static void checkColumns(Connection c, StreamDefinition s) {
        String problem;
        try {
            problem = TargetColumns.problem(c, s);
        } catch (SQLException e) {
            LOG.warn("cannot read the columns of the target table {} to compare them with the stream definition: {}", s.targetTable(),
                    e.getMessage());
            return;
        }
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /**
     * A target table the loader had to create: expected at the first start, but where the DCF tables record completed
     * loads into it, it was dropped (or the loader points at another database than before): those rows are not in it.
     */
    private void reportCreated(StreamDefinition s) {
        long loads = dcf.jdbi().withHandle(h -> dcf.processes().completedLoads(h, s.id()));
        if (loads > 0) {
            LOG.warn("created the target table {}, which did not exist although the DCF tables record {} completed load(s) into it: "
                    + "was it dropped, or is this another database than before? The rows of those loads are not in it; "
                    + "the replay command loads them again from the archive", s.targetTable(), loads);
        } else {
            LOG.info("created the target table {}", s.targetTable());
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    public boolean isReady() {
        return ready;
    }

    /**
     * When no live instance holds the stream's lease, takes it briefly and puts right what a dead instance left
     * (RUNNING rows become ABANDONED, written-down file moves are finished), so the DCF tables tell the truth before
     * the next run. A lease this instance holds while none of its runs keeps it is left over from a run that broke
     * off without closing: it is ours to take back.
     */
    private void recoverIfFree(StreamDefinition stream) {
        if (!runLedger.acquire(stream, !keeper.keeps(stream.id()))) {
            return;
        }
        try {
            archives.add(stream, recovery.recover(stream));
        } finally {
            runLedger.release(stream);
        }
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
     * Makes the databases ready in the background while Camel builds and starts its routes (a run waits for it in
     * {@link #ensureReady()}, readiness says DOWN until then); when a database is unreachable it keeps trying, so a
     * database outage at start-up needs no restart.
     */
    public void start() {
        Thread setup = new Thread(this::setUp, "loader-database-setup");
        setup.setDaemon(true);
        setup.start();
    }

    private void setUp() {
        try {
            ensureReadyUnlessClosed();
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            LOG.error("database not ready ({}); retrying every {} s", CamelErrors.rootMessage(e), settings.initRetry().toSeconds());
            retry();
        }
    }

    private void retry() {
        while (!ready && !closed) {
            try {
                Thread.sleep(settings.initRetry().toMillis());
                ensureReadyUnlessClosed();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("database still not ready: {}", CamelErrors.rootMessage(e));
            }
        }
    }

    private synchronized void ensureReadyUnlessClosed() {
        if (!closed) {
            ensureReady();
        }
    }

    /**
     * Stops the background retries, and waits for a setup under way to end before the pools close: its recovery holds
     * the stream's lease for a moment, and cut off it could not give it back (a command that ended before it needed
     * the databases, e.g. on an unknown stream, left the lease held for its time to live, refusing the next run).
     */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            LOG.debug("database setup closed");
        }
    }
}
