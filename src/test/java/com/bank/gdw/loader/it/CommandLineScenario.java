package com.bank.gdw.loader.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.bank.gdw.loader.cli.LoaderCommand;
import com.bank.gdw.loader.testkit.TestDatabase;

/**
 * What the command-line scenario classes share: commands run in this JVM ({@link LoaderCommand#execute}) against a
 * fresh data directory and database per class invocation, given as system properties, and plain JDBC to look at the
 * rows they left.
 */
abstract class CommandLineScenario {

    protected static Path data;
    /** Where sql() and count() read: the embedded file the commands use, or the fresh server database. */
    protected static String jdbcUrl;
    protected static String jdbcUser;
    protected static TestDatabase database;
    private static String databaseName;

    /** What a command printed and returned. */
    record Result(int exitCode, String out, String err) { }

    /** A fresh data directory {@code target/it/<directory>-<db>} and database {@code <name>}, as the commands' settings. */
    static void open(TestDatabase db, String directory, String name) {
        database = db;
        databaseName = name;
        data = Path.of("target", "it", directory + "-" + db).toAbsolutePath();
        LoaderHarness.deleteTree(data);
        System.setProperty("loader.data-dir", data.toString());
        System.setProperty("loader.files.settle-ms", "0");
        String url = db.freshUrl(name);
        if (url == null) {
            jdbcUrl = "jdbc:duckdb:" + data.resolve("db/loader.duckdb");
            jdbcUser = null;
        } else {
            jdbcUrl = url;
            jdbcUser = db.user();
            System.setProperty("loader.db.url", url);
            System.setProperty("loader.db.user", jdbcUser);
        }
    }

    static void close() {
        System.clearProperty("loader.data-dir");
        System.clearProperty("loader.files.settle-ms");
        System.clearProperty("loader.db.url");
        System.clearProperty("loader.db.user");
        database.drop(databaseName);
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoaderCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Connection connect() throws SQLException {
        return jdbcUser == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl, jdbcUser, database.password());
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    static long count(String query) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
