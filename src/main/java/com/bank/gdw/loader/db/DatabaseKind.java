package com.bank.gdw.loader.db;

/** The databases the loader runs on, recognised by their JDBC URL. */
public enum DatabaseKind {
    DUCKDB("jdbc:duckdb:", "duckdb"),
    POSTGRESQL("jdbc:postgresql:", "postgresql"),
    SNOWFLAKE("jdbc:snowflake:", "snowflake");

    private final String urlPrefix;
    private final String migrations;

    DatabaseKind(String urlPrefix, String migrations) {
        this.urlPrefix = urlPrefix;
        this.migrations = migrations;
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

    /** Folder of the versioned migrations on the classpath. */
    public String migrationLocation() {
        return "classpath:db/" + migrations;
    }

    /** A URL without anything that looks like a secret, for messages and logs. */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password|passwd|pwd|private_key_pwd|token)=[^&;]*", "$1=***");
    }
}
