package com.bank.gdw.loader.db;

import java.util.Properties;

/** The databases the loader runs on, recognised by their JDBC URL. */
public enum DatabaseKind {
    DUCKDB("jdbc:duckdb:", "duckdb", "org.duckdb.DuckDBDriver"),
    POSTGRESQL("jdbc:postgresql:", "postgresql", "org.postgresql.Driver"),
    SNOWFLAKE("jdbc:snowflake:", "snowflake", "net.snowflake.client.api.driver.SnowflakeDriver");

    private final String urlPrefix;
    private final String migrations;
    private final String driverClass;

    DatabaseKind(String urlPrefix, String migrations, String driverClass) {
        this.urlPrefix = urlPrefix;
        this.migrations = migrations;
        this.driverClass = driverClass;
    }

    /** The JDBC driver of this kind, by class name (loaded only when a database of this kind is opened). */
    public String driverClass() {
        return driverClass;
    }

    public static DatabaseKind of(String url) {
        for (DatabaseKind k : values()) {
            if (url.startsWith(k.urlPrefix)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unsupported database URL " + redact(url)
                + " (supported: jdbc:duckdb:, jdbc:postgresql:, jdbc:snowflake:)");
    }

    /** The expression that draws the next value of a sequence (whose name is a constant, never input). */
    public String nextValue(String sequence) {
        return this == SNOWFLAKE ? sequence + ".NEXTVAL" : "nextval('" + sequence + "')";
    }

    /**
     * The database's own clock as a UTC wall-clock TIMESTAMP, for SQL that judges time shared by several instances
     * (lease expiry, heartbeats, outbox claims): one clock for all of them, whatever each host's clock says.
     * PostgreSQL's {@code clock_timestamp()} moves within a transaction; DuckDB's {@code now()} is the transaction's
     * start, which is right for the short transactions that take and renew leases and claim notifications (and a DuckDB
     * file is opened by one process, so there is only one instance to judge).
     */
    public String utcNow() {
        return switch (this) {
            case POSTGRESQL -> "(clock_timestamp() AT TIME ZONE 'UTC')";
            case DUCKDB -> "CAST(timezone('UTC', now()) AS TIMESTAMP)";
            case SNOWFLAKE -> "SYSDATE()";
        };
    }

    /** {@link #utcNow()} plus a duration in milliseconds (a number of the loader's configuration, never input). */
    public String utcNowPlusMillis(long millis) {
        return switch (this) {
            case POSTGRESQL, DUCKDB -> "(" + utcNow() + " + INTERVAL '" + millis + " milliseconds')";
            case SNOWFLAKE -> "DATEADD(MILLISECOND, " + millis + ", SYSDATE())";
        };
    }

    /**
     * Connection properties the loader needs on this kind of database. Snowflake: results as JSON, because its Arrow
     * reader needs {@code --add-opens java.base/java.nio} on Java 17 and the loader's result sets are small; session
     * time zone UTC and timestamps bound as TIMESTAMP_NTZ, because the loader's timestamps are UTC wall-clock values
     * and Snowflake would otherwise shift them by the session's zone (America/Los_Angeles unless set).
     */
    public Properties driverProperties() {
        Properties p = new Properties();
        if (this == SNOWFLAKE) {
            p.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
            p.setProperty("TIMEZONE", "UTC");
            p.setProperty("CLIENT_TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ");
        }
        return p;
    }

    /** Folder of the versioned migrations on the classpath. */
    public String migrationLocation() {
        return "classpath:db/" + migrations;
    }

    /** A URL without anything that looks like a secret, for messages and logs. */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password|passwd|pwd|private_key_pwd|token)=[^&;]*", "$1=***");
    }
}
