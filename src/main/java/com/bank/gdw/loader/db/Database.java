package com.bank.gdw.loader.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.pattern.ValidatePattern;

/** A pooled connection to one database of a known kind. */
public final class Database implements AutoCloseable {

    private final String name;
    private final String url;
    private final DatabaseKind kind;
    private final HikariDataSource pool;

    public Database(String name, String url, String user, String password, int poolSize, Properties driverProperties) {
        this(name, url, user, password, poolSize, driverProperties, false);
    }

    /**
     * Read-only connections for a command that only looks ({@code status}, {@code validate}): it fails at once when
     * the database does not answer, instead of waiting for it as the container does. An embedded file is opened
     * read-only. Two connections, since Flyway's {@code info()} (validate's pending migrations) holds two at once.
     */
    public static Database forReading(String name, String url, String user, String password) {
        Properties props = DatabaseKind.of(url).driverProperties();
        if (DatabaseKind.of(url) == DatabaseKind.DUCKDB) {
            props.setProperty("duckdb.read_only", "true");
        }
        return new Database(name, url, user, password, 2, props, true);
    }

    private Database(String name, String url, String user, String password, int poolSize, Properties driverProperties,
                     boolean readOnly) {
        this.name = name;
        this.url = url;
        this.kind = DatabaseKind.of(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("loader-" + name);
        config.setDataSource(new DirectDataSource(kind, url, user, password, driverProperties));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(kind == DatabaseKind.DUCKDB ? 1 : 0);
        // the container starts while a database is down and waits for it (readiness says so); a reader fails at once
        config.setInitializationFailTimeout(readOnly ? 1 : -1);
        config.setReadOnly(readOnly);
        config.setConnectionTimeout(10_000);
        config.setAutoCommit(true);
        this.pool = new HikariDataSource(config);
    }

    public String name() {
        return name;
    }

    public DatabaseKind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connect() throws SQLException {
        return pool.getConnection();
    }

    /** The URL with secrets masked. */
    public String describe() {
        return DatabaseKind.redact(url);
    }

    /**
     * True when the database answers within two seconds. The pool would wait its whole connection timeout for a
     * database that is gone; a health probe must answer sooner, so the attempt runs aside and is given up on.
     */
    public boolean isReachable() {
        CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
            try (Connection c = pool.getConnection()) {
                return c.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }, PROBES);
        try {
            return probe.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "database-probe");
        t.setDaemon(true);
        return t;
    });

    /** Applies the versioned migrations of this kind of database (the DCF tables). */
    public void migrate() {
        flyway().migrate();
    }

    /**
     * Flyway over the DCF migrations of this kind of database. No migration the history records is ignored: Flyway's
     * default ignores "future" ones (applied by a newer loader), and this build would then run against a schema it does
     * not know; now its validation fails instead ({@link SchemaHistory} says so in one line before that).
     */
    public Flyway flyway() {
        return Flyway.configure(getClass().getClassLoader())
                .dataSource(pool)
                .locations(kind.migrationLocation())
                .table(SchemaHistory.TABLE)
                .ignoreMigrationPatterns(new ValidatePattern[0])
                .load();
    }

    @Override
    public void close() {
        pool.close();
    }
}
