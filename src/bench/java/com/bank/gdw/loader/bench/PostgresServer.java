package com.bank.gdw.loader.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;

import com.bank.gdw.loader.load.PostgresCopyWriter;
import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The PostgreSQL server the benchmark uses: a fresh database per measurement, and the baseline, PostgreSQL's own text
 * COPY of the feed file into a table with the loader's DDL (key and process index included).
 */
final class PostgresServer {

    private final String serverUrl;
    private final String user;
    private final String password;

    PostgresServer(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
    }

    /** URL of database {@code name} on the same server (the path of the server URL replaced). */
    String urlOf(String name) {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + (query < 0 ? "" : serverUrl.substring(query));
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(urlOf(database), user, password);
    }

    void recreate(String database) throws SQLException {
        drop(database);
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
    }

    void drop(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** Flushes dirty buffers first, so a measurement does not pay for the writes of the one before. */
    boolean checkpoint() {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Times {@code COPY target (file columns) FROM STDIN (FORMAT text, DELIMITER '|', NULL '')} of the file through
     * CopyManager into a fresh table made by the loader's own writer. The loader's columns are not in the file:
     * they get constant defaults (business date, load time, process id 1, line number 0, security code).
     */
    double rawCopy(String database, StreamDefinition s, Path file, LocalDate date) throws SQLException, IOException {
        try (Connection c = connect(database)) {
            new PostgresCopyWriter().prepare(c, s);
            LocalDateTime now = LocalDateTime.now().withNano(0);
            try (Statement st = c.createStatement()) {
                var l = s.loaderColumns();
                String t = s.targetTable();
                st.execute("ALTER TABLE " + t + " ALTER COLUMN " + l.businessDate() + " SET DEFAULT DATE '" + date + "'");
                st.execute("ALTER TABLE " + t + " ALTER COLUMN " + l.loadTimestamp() + " SET DEFAULT TIMESTAMP '" + now + "'");
                if (l.loadTime() != null) {
                    st.execute("ALTER TABLE " + t + " ALTER COLUMN " + l.loadTime() + " SET DEFAULT TIME '" + now.toLocalTime() + "'");
                }
                st.execute("ALTER TABLE " + t + " ALTER COLUMN " + l.processInstance() + " SET DEFAULT 1");
                st.execute("ALTER TABLE " + t + " ALTER COLUMN " + l.lineNumber() + " SET DEFAULT 0");
                st.execute("ALTER TABLE " + t + " ALTER COLUMN " + l.rowSecurity() + " SET DEFAULT " + s.rowSecurityCode());
            }
            checkpoint();
            String columns = s.layout().columns().stream().map(Column::name).collect(Collectors.joining(", "));
            String sql = "COPY " + s.targetTable() + " (" + columns + ") FROM STDIN (FORMAT text, DELIMITER '"
                    + s.delimiter() + "', NULL '')";
            long start = System.nanoTime();
            long rows;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
                rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (rows != countRows(c, s)) {
                throw new IllegalStateException("raw COPY reported " + rows + " rows but the table holds " + countRows(c, s));
            }
            return seconds;
        }
    }

    static long countRows(Connection c, StreamDefinition s) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + s.targetTable())) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
