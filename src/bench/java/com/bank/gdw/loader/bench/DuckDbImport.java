package com.bank.gdw.loader.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.Collectors;

import com.bank.gdw.loader.load.DuckDbTargetWriter;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The embedded baseline: DuckDB's own CSV import ({@code read_csv} with the layout's types) of the feed file into a
 * table made by the loader's DuckDB writer, in a fresh database file with the loader's memory limit.
 */
final class DuckDbImport {

    static final String FILE = "import.duckdb";

    /** Wall and CPU seconds of the import (CPU of this JVM, where DuckDB's threads run). */
    record Timing(double seconds, double cpuSeconds) { }

    private DuckDbImport() {
    }

    static Timing run(Path dir, StreamDefinition s, Path file, LocalDate date, String memoryLimit) throws Exception {
        Files.createDirectories(dir);
        Path db = dir.resolve(FILE);
        Files.deleteIfExists(db);
        Files.deleteIfExists(dir.resolve(FILE + ".wal"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
            try (Statement st = c.createStatement()) {
                st.execute("SET memory_limit = '" + memoryLimit.replaceAll("[^0-9A-Za-z.]", "") + "'");
                st.execute("SET temp_directory = '" + dir.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            new DuckDbTargetWriter().prepare(c, s);
            String types = s.layout().columns().stream().map(col -> "'" + col.name() + "': '" + col.type().sql() + "'")
                    .collect(Collectors.joining(", "));
            var l = s.loaderColumns();
            LocalDateTime now = LocalDateTime.now().withNano(0);
            // the loader's columns are not in the file: constants, as in the PostgreSQL baseline
            String loaderValues = "DATE '" + date + "', TIMESTAMP '" + now + "', " + (l.loadTime() != null ? "TIME '" + now.toLocalTime() + "', " : "")
                    + "1, 0, " + s.rowSecurityCode();
            String sql = "INSERT INTO " + s.targetTable() + " SELECT *, " + loaderValues + " FROM read_csv('"
                    + file.toAbsolutePath().toString().replace("'", "''") + "', delim = '" + s.delimiter()
                    + "', header = false, quote = '', escape = '', nullstr = '', auto_detect = false, columns = {" + types + "})";
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            long rows;
            try (Statement st = c.createStatement()) {
                rows = st.executeUpdate(sql);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            if (rows <= 0) {
                throw new SQLException("DuckDB's import loaded no rows");
            }
            return new Timing(seconds, cpuSeconds);
        }
    }
}
