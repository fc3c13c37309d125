package com.bank.gdw.loader.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.dcf.StreamLease;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.feed.FileDigest;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate} reads a date's units as a run would and writes nothing: its verdicts are the statuses and figures
 * the real run reaches on the same files, and the data directory (byte for byte) and every DCF and target table
 * (row counts, the lease row) are the same before and after it.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValidateCommandTest extends CommandLineScenario {

    private static final List<String> TABLES = List.of("DCF_T_STRM", "DCF_T_STRM_LOCK", "DCF_T_STRM_INST", "DCF_T_PRCS_INST",
            "DCF_T_PRCS_EXEC_LOG", "DCF_T_DATA_LINEAGE", "DCF_T_FILE_MOVE", "DCF_T_NOTIFICATIONS", "UTIL_TRSF_EROR_RQM3",
            "DCF_T_FEED_LATE", "PLAN_BALN_SEGM_MSTR");
    private static final ObjectMapper JSON = new ObjectMapper();

    ValidateCommandTest(TestDatabase database) {
        // chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void dataDirectory(TestDatabase db) {
        open(db, "validate", "validate");
    }

    @AfterParameterizedClassInvocation
    static void reset() {
        close();
    }

    /** Every table's row count and the lease rows, as text. */
    private static Map<String, String> tables() throws SQLException {
        Map<String, String> counts = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    counts.put(t, String.valueOf(rs.getLong(1)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT * FROM DCF_T_STRM_LOCK")) {
                StringBuilder sb = new StringBuilder();
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                }
                counts.put("lease rows", sb.toString());
            }
        }
        return counts;
    }

    /** Every file under the data directory with its SHA-256. */
    private static Map<String, String> files() {
        try (Stream<Path> walk = Files.walk(data)) {
            Map<String, String> m = new TreeMap<>();
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                m.put(data.relativize(p).toString(), FileDigest.sha256(p));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What validate and then a real run on the same files said, per unit, in the terms of {@link #verdicts}. */
    record Comparison(int validateExit, List<String> validate, int runExit, List<String> run) { }

    /** Runs validate on the date, checks that it wrote nothing, then runs the date for real. */
    private static Comparison validateThenRun(String date) throws Exception {
        Map<String, String> filesBefore = files();
        Map<String, String> tablesBefore = tables();
        Result validate = cli("validate", "--date", date, "--json");
        assertThat(files()).isEqualTo(filesBefore);
        assertThat(tables()).isEqualTo(tablesBefore);
        List<String> verdicts = verdicts(JSON.readTree(validate.out()).path("streams").path("bcfinsg"));
        Result run = cli("run", "--date", date);
        String iso = date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6);
        return new Comparison(validate.exitCode(), verdicts, run.exitCode(), runOutcomes(iso));
    }

    /**
     * Validate's verdicts, one line per unit: status and message; unless FAILED (a failed load records no figures),
     * rows read, rejected, duplicates, rows written and quality bands; and where the run keeps its rejects (COMPLETED,
     * QUALITY_ISSUES) the rejects by reason.
     */
    private static List<String> verdicts(JsonNode units) {
        List<String> lines = new ArrayList<>();
        for (JsonNode u : units) {
            Map<String, Long> byReason = new TreeMap<>();
            u.path("rejects_by_reason").properties().forEach(e -> byReason.put(e.getKey(), e.getValue().asLong()));
            long duplicates = byReason.getOrDefault("DUPLICATE_KEY", 0L);
            long rejected = byReason.values().stream().mapToLong(Long::longValue).sum() - duplicates;
            lines.add(outcome(u.path("unit").asText(), u.path("status").asText(), u.path("message").isNull() ? null : u.path("message").asText(),
                    u.path("rows_read").asLong(), rejected, duplicates, u.path("rows_to_write").asLong(), u.path("high").asLong(),
                    u.path("medium").asLong(), u.path("low").asLong(), byReason));
        }
        return lines;
    }

    /** The units of the date's latest run as DCF_T_PRCS_INST and UTIL_TRSF_EROR_RQM3 record them, in the terms of {@link #verdicts}. */
    private static List<String> runOutcomes(String isoDate) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT PRCS_INST_ID, PRCS_NAME, PRCS_STATUS, ERROR_MESSAGE, INPUT_ROWS, REJECTED_ROWS, DUPLICATE_ROWS, ROWS_WRITTEN, "
                        + "DQ_HIGH_ROWS, DQ_MEDIUM_ROWS, DQ_LOW_ROWS FROM DCF_T_PRCS_INST WHERE PRCS_BUS_DT = DATE '" + isoDate + "' "
                        + "AND STRM_INST_ID = (SELECT MAX(STRM_INST_ID) FROM DCF_T_PRCS_INST WHERE PRCS_BUS_DT = DATE '" + isoDate + "') "
                        + "ORDER BY PRCS_NAME")) {
            while (rs.next()) {
                Map<String, Long> byReason = new TreeMap<>();
                try (Statement st2 = c.createStatement(); ResultSet r = st2.executeQuery("SELECT CONV_MAP_RULE_M, COUNT(*) "
                        + "FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = " + rs.getLong(1) + " GROUP BY CONV_MAP_RULE_M")) {
                    while (r.next()) {
                        byReason.put(r.getString(1), r.getLong(2));
                    }
                }
                lines.add(outcome(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), byReason));
            }
        }
        return lines;
    }

    private static String outcome(String unit, String status, String message, long read, long rejected, long duplicates, long written,
                                  long high, long medium, long low, Map<String, Long> byReason) {
        String line = unit + " " + status + " (" + message + ")";
        if (status.equals("FAILED")) {
            return line;
        }
        line += " read " + read + " rejected " + rejected + " duplicates " + duplicates + " written " + written + " bands " + high
                + "/" + medium + "/" + low;
        return status.equals("COMPLETED") || status.equals("QUALITY_ISSUES") ? line + " by reason " + byReason : line;
    }

    @Test
    @Order(1)
    void validate_reaches_the_runs_verdicts_and_writes_nothing() throws Exception {
        // given: a loaded date (the databases exist), and a date whose CB trigger announces one record too many
        assertThat(cli("generate", "--rows", "300", "--date", "20261120", "--bad-ratio", "0.02").exitCode()).isZero();
        assertThat(cli("run", "--date", "20261120").exitCode()).isZero();
        assertThat(cli("generate", "--rows", "500", "--date", "20261122", "--bad-ratio", "0.05").exitCode()).isZero();
        Path cbTrigger = data.resolve("landing/BCFINSG_CB_20261122.DLY");
        String control = Files.readString(cbTrigger).strip();
        long count = Long.parseLong(control.substring(control.lastIndexOf('|') + 1));
        Files.writeString(cbTrigger, control.substring(0, control.lastIndexOf('|') + 1) + (count + 1) + "\n");
        Map<String, String> filesBefore = files();
        Map<String, String> tablesBefore = tables();

        // when
        Result validate = cli("validate", "--date", "20261122", "--json");

        // then: nothing written, and the verdicts
        assertThat(files()).isEqualTo(filesBefore);
        assertThat(tables()).isEqualTo(tablesBefore);
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(1);
        JsonNode units = JSON.readTree(validate.out()).path("streams").path("bcfinsg");
        assertThat(units).hasSize(2);

        // and the real run on the same files reaches the same statuses, messages and figures
        Result run = cli("run", "--date", "20261122");
        assertThat(run.exitCode()).isEqualTo(1);
        List<String> actual = verdicts(units);
        assertThat(actual).isEqualTo(runOutcomes("2026-11-22"));
        assertThat(actual.get(0)).startsWith("BCFINSG_CA COMPLETED");
        assertThat(actual.get(1)).startsWith("BCFINSG_CB CONTROL_MISMATCH");
    }

    @Test
    @Order(2)
    void a_mistyped_key_is_a_configuration_error_naming_the_closest_known_key() {
        System.setProperty("loader.unit.max-rejcts", "5");
        try {
            Result validate = cli("validate", "--date", "20261122");

            assertThat(validate.exitCode()).isEqualTo(2);
            assertThat(validate.out()).contains("unknown configuration key loader.unit.max-rejcts; did you mean loader.unit.max-rejects?");
        } finally {
            System.clearProperty("loader.unit.max-rejcts");
        }
    }

    @Test
    @Order(3)
    void a_date_without_source_data_exits_3() {
        Result validate = cli("validate", "--date", "20261125");

        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(3);
        assertThat(validate.out()).contains("no unit in landing for 2026-11-25");
    }

    @Test
    @Order(4)
    void a_resend_of_loaded_bytes_would_be_skipped_as_the_run_skips_it() throws Exception {
        // given: the loaded CA files of 20261120 dropped again
        Files.copy(data.resolve("archive/outbound/BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261120_I.txt.gz"),
                data.resolve("landing/BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261120_I.txt.gz"));
        Files.copy(data.resolve("archive/inbound/BCFINSG_CA_20261120.DLY"), data.resolve("landing/BCFINSG_CA_20261120.DLY"));

        Result validate = cli("validate", "--date", "20261120", "--json");
        Result run = cli("run", "--date", "20261120");

        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        JsonNode unit = JSON.readTree(validate.out()).path("streams").path("bcfinsg").get(0);
        assertThat(unit.path("unit").asText()).isEqualTo("BCFINSG_CA");
        assertThat(unit.path("status").asText()).isEqualTo("SKIPPED_DUPLICATE");
        assertThat(run.exitCode()).isZero();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT PRCS_STATUS FROM DCF_T_PRCS_INST WHERE PRCS_BUS_DT = DATE '2026-11-20' ORDER BY PRCS_INST_ID DESC")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("SKIPPED_DUPLICATE");
        }
    }

    @Test
    @Order(5)
    void quality_issues_are_foreseen_as_the_run_finds_them() throws Exception {
        // given: a clean CA unit and a CB unit whose records carry the date marker in every DATE field, 60 % of them
        assertThat(cli("generate", "--rows", "300", "--date", "20261126", "--prefix", "BCFINSG_CA").exitCode()).isZero();
        new FeedGenerator(stream()).qualityDefects(0.6).generate(data.resolve("landing"), "BCFINSG_CB", LocalDate.of(2026, 11, 26), 400, 0.02);

        // when
        Comparison c = validateThenRun("20261126");

        // then
        assertThat(c.validate()).isEqualTo(c.run());
        assertThat(c.validate().get(0)).startsWith("BCFINSG_CA COMPLETED");
        assertThat(c.validate().get(1)).startsWith("BCFINSG_CB QUALITY_ISSUES").contains("is below the minimum 70.0; nothing loaded");
        assertThat(c.validateExit()).isEqualTo(1);
        assertThat(c.runExit()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void a_unit_over_the_reject_cap_is_foreseen_failed_with_the_runs_message() throws Exception {
        // given: CB rejects 25 of its 500 records, and a unit may reject 10
        assertThat(cli("generate", "--rows", "300", "--date", "20261127", "--prefix", "BCFINSG_CA").exitCode()).isZero();
        assertThat(cli("generate", "--rows", "500", "--date", "20261127", "--prefix", "BCFINSG_CB", "--bad-ratio", "0.05").exitCode()).isZero();
        System.setProperty("loader.unit.max-rejects", "10");
        Comparison c;
        try {
            // when
            c = validateThenRun("20261127");
        } finally {
            System.clearProperty("loader.unit.max-rejects");
        }

        // then
        assertThat(c.validate()).isEqualTo(c.run());
        assertThat(c.validate().get(0)).startsWith("BCFINSG_CA COMPLETED");
        assertThat(c.validate().get(1)).startsWith("BCFINSG_CB FAILED").contains("more than 10 records rejected (loader.unit.max-rejects)");
        assertThat(c.validateExit()).isEqualTo(1);
        assertThat(c.runExit()).isEqualTo(1);
    }

    @Test
    @Order(7)
    void a_trigger_without_its_load_file_is_foreseen_failed_with_the_runs_message() throws Exception {
        // given: CB's trigger arrived, its load file did not
        assertThat(cli("generate", "--rows", "300", "--date", "20261128").exitCode()).isZero();
        Files.delete(data.resolve("landing/BCFINSG_CB_PLAN_BALN_SEGM_MSTR_20261128_I.txt.gz"));

        // when
        Comparison c = validateThenRun("20261128");

        // then
        assertThat(c.validate()).isEqualTo(c.run());
        assertThat(c.validate().get(0)).startsWith("BCFINSG_CA COMPLETED");
        assertThat(c.validate().get(1)).isEqualTo("BCFINSG_CB FAILED (load file missing: no BCFINSG_CB_PLAN_BALN_SEGM_MSTR_20261128_I.txt[.gz] "
                + "for trigger BCFINSG_CB_20261128.DLY)");
        assertThat(c.validateExit()).isEqualTo(1);
        assertThat(c.runExit()).isEqualTo(1);
    }

    @Test
    @Order(8)
    void pending_migrations_are_listed_and_not_applied() throws Exception {
        // given: a DCF database migrated up to V2 only
        String url = database == TestDatabase.DUCKDB ? "jdbc:duckdb:" + data.resolve("v2/loader.duckdb") : database.freshUrl("validate_v2");
        Files.createDirectories(data.resolve("v2"));
        try (Database db = new Database("v2", url, database.user(), database.password(), 2, DatabaseKind.of(url).driverProperties())) {
            Flyway.configure(getClass().getClassLoader()).dataSource(db.dataSource()).locations(db.kind().migrationLocation())
                    .table("DCF_SCHEMA_HISTORY").target("2").load().migrate();
        }
        String history = schemaHistory(url);
        String before = System.getProperty("loader.db.url");
        System.setProperty("loader.db.url", url);
        Result validate;
        try {
            // when
            validate = cli("validate", "--date", "20261125");
        } finally {
            if (before == null) {
                System.clearProperty("loader.db.url");
            } else {
                System.setProperty("loader.db.url", before);
            }
        }

        // then: V3 is listed, and the schema history is as it was
        assertThat(validate.out()).as(validate.out() + validate.err()).contains("pending migrations: 3 late feeds");
        assertThat(schemaHistory(url)).isEqualTo(history);
        assertThat(history.lines().map(l -> l.substring(0, l.indexOf('|')))).containsExactly("1", "2");
        if (database != TestDatabase.DUCKDB) {
            database.drop("validate_v2");
        }
    }

    @Test
    @Order(9)
    void validate_works_next_to_a_running_serve_that_holds_the_stream() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(database != TestDatabase.DUCKDB,
                "the embedded file is held by the serve's process: there validate exits 2 and JMX validate is the way (docs/operations.md)");
        // given: the units of a date in landing, and a serve on the same data directory and database holding the stream's lease
        assertThat(cli("generate", "--rows", "200", "--date", "20261129").exitCode()).isZero();
        try (LoaderHarness serve = LoaderHarness.start("validate-" + database, LoaderHarness.options().existing(jdbcUrl))) {
            var dcf = serve.loader().dcf();
            int streamId = serve.stream().id();
            boolean held = dcf.jdbi().withHandle(h -> dcf.lease().tryAcquire(h, streamId));
            assertThat(held).isTrue();
            Map<String, String> filesBefore = files();
            Map<String, String> tablesBefore = tables();

            // when
            Result validate = cli("validate", "--date", "20261129", "--json");

            // then: the verdicts, without waiting for the lease or touching it
            assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
            JsonNode units = JSON.readTree(validate.out()).path("streams").path("bcfinsg");
            assertThat(units).hasSize(2);
            assertThat(units.findValuesAsText("status")).containsOnly("COMPLETED");
            assertThat(files()).isEqualTo(filesBefore);
            assertThat(tables()).isEqualTo(tablesBefore);
            assertThat(dcf.jdbi().withHandle(h -> dcf.lease().holder(h, streamId)).map(StreamLease.Holder::ownerId))
                    .contains(dcf.lease().owner().id());
            dcf.jdbi().useHandle(h -> dcf.lease().release(h, streamId));
        }
    }

    /** Version, checksum and success of each row of DCF_SCHEMA_HISTORY at that URL. */
    private static String schemaHistory(String url) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = database.user() == null ? java.sql.DriverManager.getConnection(url)
                : java.sql.DriverManager.getConnection(url, database.user(), database.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\", \"checksum\", \"success\" FROM \"DCF_SCHEMA_HISTORY\" ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('|').append(rs.getString(2)).append('|').append(rs.getString(3)).append('\n');
            }
        }
        return sb.toString();
    }

    private static StreamDefinition stream() {
        return StreamCatalog.load(Path.of("config/streams"), UnaryOperator.identity()).get("bcfinsg");
    }
}
