package com.bank.gdw.loader.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import com.bank.gdw.loader.db.Database;

/**
 * The database an end-to-end test runs on: the embedded default, a fresh PostgreSQL database per test class, or a
 * fresh database per test class on the Snowflake emulator ({@link SnowflakeEmulator}).
 */
public enum TestDatabase {
    DUCKDB,
    POSTGRESQL,
    SNOWFLAKE;

    /** The databases the parameterised end-to-end tests run on: all three, unless -Dtest.databases=DUCKDB,... narrows. */
    public static java.util.List<TestDatabase> enabled() {
        String list = System.getProperty("test.databases", "DUCKDB,POSTGRESQL,SNOWFLAKE");
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(TestDatabase::valueOf).toList();
    }

    /**
     * Skips the calling test on the Snowflake emulator for a statement or behaviour it lacks, naming the gap as
     * docs/snowflake.md ("Emulator gaps") lists it.
     */
    public void assumeNoEmulatorGap(String gap) {
        org.junit.jupiter.api.Assumptions.assumeTrue(this != SNOWFLAKE,
                "Snowflake emulator gap '" + gap + "' (docs/snowflake.md, Emulator gaps)");
    }

    /** Server of the PostgreSQL tests (.ci/run makes sure one runs). */
    public static final String PG_URL = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String PG_USER = System.getProperty("test.pg.user", "postgres");
    /** Prefix of the test databases, so that two checkouts can run their tests on one server at once. */
    private static final String PG_PREFIX = System.getProperty("test.pg.prefix", "it");

    /**
     * A JDBC URL for a fresh database named after the test (PostgreSQL: dropped and created again), or null for the
     * embedded default under the test's data directory.
     */
    public String freshUrl(String name) {
        if (this == DUCKDB) {
            return null;
        }
        String db = databaseName(name);
        if (this == SNOWFLAKE) {
            return SnowflakeEmulator.url(SnowflakeEmulator.freshDatabase(db));
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + " is needed for this test: " + e.getMessage(), e);
        }
        return PG_URL.substring(0, PG_URL.lastIndexOf('/') + 1) + db;
    }

    /** {@link #freshUrl}, or on DuckDB the URL of a new, empty file target/{@code name}/{@code name}.duckdb. */
    public String freshUrlOrFile(String name) throws IOException {
        String url = freshUrl(name);
        if (url != null) {
            return url;
        }
        Path dir = Files.createDirectories(Path.of("target", name).toAbsolutePath());
        Path file = dir.resolve(name + ".duckdb");
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve(name + ".duckdb.wal"));
        return "jdbc:duckdb:" + file;
    }

    /** A fresh DCF database with its tables, for a test of the control tables without a loader; {@link #drop} it after. */
    public Database freshDcf(String name) throws IOException {
        Database db = new Database("dcf", freshUrlOrFile(name), this == POSTGRESQL ? PG_USER : null, null, 4, null);
        db.migrate();
        return db;
    }

    /** The JDBC URL of the PostgreSQL test database {@link #freshUrl} makes for {@code name}, without making it. */
    public static String postgresUrl(String name) {
        return PG_URL.substring(0, PG_URL.lastIndexOf('/') + 1) + databaseName(name);
    }

    /** Drops the database {@link #freshUrl} made for the test, so the shared server keeps no leftovers. */
    public void drop(String name) {
        if (this == DUCKDB) {
            return;
        }
        if (this == SNOWFLAKE) {
            return; // the emulator's databases live in its memory until the test JVM exits
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + databaseName(name) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database of " + name + ": " + e.getMessage(), e);
        }
    }

    /** The test database a JDBC URL of {@link #freshUrl} points at. */
    public static TestDatabase ofUrl(String url) {
        return url.startsWith("jdbc:snowflake:") ? SNOWFLAKE : url.startsWith("jdbc:postgresql:") ? POSTGRESQL : DUCKDB;
    }

    /** The user a loader connects to this database as (null: none). */
    public String user() {
        return switch (this) {
            case DUCKDB -> null;
            case POSTGRESQL -> PG_USER;
            case SNOWFLAKE -> SnowflakeEmulator.USER;
        };
    }

    /** The password that goes with {@link #user()}. */
    public String password() {
        return this == SNOWFLAKE ? SnowflakeEmulator.PASSWORD : "";
    }

    private static String databaseName(String name) {
        String db = (PG_PREFIX + "_" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return db.length() > 60 ? db.substring(0, 60) : db;
    }
}
