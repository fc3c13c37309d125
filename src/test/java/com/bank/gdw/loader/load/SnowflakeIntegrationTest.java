package com.bank.gdw.loader.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Snowflake path against a real account, in a scratch schema dropped afterwards: DCF migration, a unit's load
 * through the default stage and through a named one, its resend, an upsert over another unit's key, repeated keys
 * settled set-based, a rollback after the whole write and a failure right after the COPY (with the stage listed for
 * leftovers), and a load from a JVM outside UTC. What only a real account can prove is listed in the README
 * ("Snowflake: what only a real account proves"). Runs only when SNOWFLAKE_URL (with db= and warehouse=, not
 * schema=), SNOWFLAKE_USER and SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_FILE are set; skipped otherwise.
 */
@EnabledIfEnvironmentVariable(named = "SNOWFLAKE_URL", matches = "jdbc:snowflake:.+")
@EnabledIfEnvironmentVariable(named = "SNOWFLAKE_USER", matches = ".+")
@EnabledIf("credentialsGiven")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnowflakeIntegrationTest {

    private static final Path WORK = Path.of("target", "snowflake-integration-test");
    private static final LocalDate DATE = LocalDate.of(2026, 3, 14);
    private static final String SCHEMA = "GDW_IT_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();

    private static StreamDefinition stream;
    private static Database database;
    private static ExecutorService readers;
    private static final SnowflakeStageWriter WRITER = new SnowflakeStageWriter();
    private static long firstLoad;
    private static long resend;
    private static List<String> resentLines;

    static boolean credentialsGiven() {
        return present("SNOWFLAKE_PASSWORD") || present("SNOWFLAKE_PRIVATE_KEY_FILE");
    }

    private static boolean present(String name) {
        String v = System.getenv(name);
        return v != null && !v.isBlank();
    }

    @BeforeAll
    static void scratchSchema() throws Exception {
        stream = StreamCatalog.load(Path.of("config", "streams"), UnaryOperator.identity()).get("bcfinsg");
        readers = Executors.newSingleThreadExecutor();
        Files.createDirectories(WORK);
        try (Connection c = DriverManager.getConnection(System.getenv("SNOWFLAKE_URL"), properties(null));
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + SCHEMA);
        }
        database = new Database("snowflake-it", System.getenv("SNOWFLAKE_URL"), System.getenv("SNOWFLAKE_USER"),
                System.getenv("SNOWFLAKE_PASSWORD"), 2, properties(SCHEMA));
    }

    @AfterAll
    static void dropScratchSchema() throws Exception {
        if (database != null) {
            database.close();
        }
        if (readers != null) {
            readers.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(System.getenv("SNOWFLAKE_URL"), properties(null));
             Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    /** The loader's Snowflake session properties, the credentials from the environment, and the scratch schema. */
    private static Properties properties(String schema) {
        Properties p = DatabaseKind.SNOWFLAKE.driverProperties();
        p.setProperty("user", System.getenv("SNOWFLAKE_USER"));
        if (present("SNOWFLAKE_PRIVATE_KEY_FILE")) {
            p.setProperty("authenticator", "SNOWFLAKE_JWT");
            p.setProperty("private_key_file", System.getenv("SNOWFLAKE_PRIVATE_KEY_FILE"));
            if (present("SNOWFLAKE_PRIVATE_KEY_PWD")) {
                p.setProperty("private_key_file_pwd", System.getenv("SNOWFLAKE_PRIVATE_KEY_PWD"));
            }
        } else {
            p.setProperty("password", System.getenv("SNOWFLAKE_PASSWORD"));
        }
        if (schema != null) {
            p.setProperty("schema", schema);
        }
        return p;
    }

    @Test
    @Order(1)
    void the_dcf_migration_creates_the_control_tables_and_ordered_sequences() throws Exception {
        // when
        database.migrate();

        // then
        try (Connection c = database.connect()) {
            assertThat(count(c, "SELECT COUNT(*) FROM DCF_T_PRCS_INST")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM UTIL_TRSF_EROR_RQM3")).isZero();
            long a = nextProcessId(c);
            long b = nextProcessId(c);
            assertThat(b).isGreaterThan(a);
            WRITER.prepare(c, stream);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR_STG")).isZero();
        }
    }

    @Test
    @Order(2)
    void a_unit_is_loaded_with_every_row_once_and_reconciles() throws Exception {
        // given
        Path file = generated("BCFINSG_CA", 40);

        try (Connection c = database.connect()) {
            firstLoad = nextProcessId(c);
            LocalDateTime loaded = LocalDateTime.of(2026, 3, 15, 6, 7, 8, 123_456_000);

            // when
            Reconciliation rec = loadAndCommit(c, file, new TargetLoad(stream, firstLoad, DATE, loaded, List.of(), false));

            // then
            assertThat(rec.rows()).isEqualTo(40);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", Date.valueOf(DATE))).isEqualTo(40);
            assertThat(count(c, "SELECT COUNT(DISTINCT CORP_IDNN, ACCT_I, PLAN_IDNN, PLAN_SQNO, EFFT_D) FROM PLAN_BALN_SEGM_MSTR")).isEqualTo(40);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MIN(EFFT_S), MAX(EFFT_S), MIN(ROW_I), MAX(ROW_I) FROM PLAN_BALN_SEGM_MSTR")) {
                rs.next();
                assertThat(rs.getTimestamp(1).toLocalDateTime()).as("load timestamp kept as UTC wall clock").isEqualTo(loaded);
                assertThat(rs.getTimestamp(2).toLocalDateTime()).isEqualTo(loaded);
                assertThat(rs.getLong(3)).isEqualTo(1);
                assertThat(rs.getLong(4)).isEqualTo(40);
            }
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR_STG")).as("staging emptied").isZero();
            assertThat(stagedFiles(c, DEFAULT_STAGE)).as("the default stage (the staging table's) after COPY ... PURGE").isEmpty();
        }
    }

    @Test
    @Order(3)
    void a_resend_updates_changed_rows_and_removes_the_rows_it_no_longer_has() throws Exception {
        // given: line 3 with a new amount, line 5 dropped
        Path file = WORK.resolve("BCFINSG_CA").resolve(stream.files().loadName("BCFINSG_CA", DATE, false));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int amount = stream.layout().indexOf("CURR_MIN_PAYT_DUE");
        String[] third = lines.get(2).split("\\|", -1);
        third[amount] = "4321.09";
        lines.set(2, String.join("|", third));
        String[] dropped = lines.remove(4).split("\\|", -1);
        Files.write(file, lines, StandardCharsets.UTF_8);
        resentLines = lines;

        try (Connection c = database.connect()) {
            resend = nextProcessId(c);

            // when
            Reconciliation rec = loadAndCommit(c, file, new TargetLoad(stream, resend, DATE, LocalDateTime.now(), List.of(firstLoad), false));

            // then
            assertThat(rec.rows()).isEqualTo(39);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isEqualTo(39);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE PROS_KEY_EFFT_I = ?", firstLoad)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE ACCT_I = ?", dropped[stream.layout().indexOf("ACCT_I")]))
                    .as("the dropped record's row is gone").isZero();
            try (PreparedStatement ps = c.prepareStatement("SELECT CURR_MIN_PAYT_DUE FROM PLAN_BALN_SEGM_MSTR WHERE ACCT_I = ?")) {
                ps.setString(1, third[stream.layout().indexOf("ACCT_I")]);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("4321.09"));
                }
            }
        }
    }

    @Test
    @Order(4)
    void a_key_held_by_another_unit_is_overwritten() throws Exception {
        // given: unit CB's file also carries the first record of unit CA
        Path file = generated("BCFINSG_CB", 10);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(resentLines.get(0));
        Files.write(file, lines, StandardCharsets.UTF_8);
        String sharedAccount = resentLines.get(0).split("\\|", -1)[stream.layout().indexOf("ACCT_I")];

        try (Connection c = database.connect()) {
            long other = nextProcessId(c);

            // when
            Reconciliation rec = loadAndCommit(c, file, new TargetLoad(stream, other, DATE, LocalDateTime.now(), List.of(), false));

            // then
            assertThat(rec.rows()).isEqualTo(11);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isEqualTo(39 + 10);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE ACCT_I = ? AND PROS_KEY_EFFT_I = ?", sharedAccount, other))
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(5)
    void a_unit_rolled_back_leaves_neither_target_nor_staging_rows() throws Exception {
        // given
        Path file = generated("BCFINSG_CC", 15);

        try (Connection c = database.connect()) {
            long before = count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR");
            long unit = nextProcessId(c);
            c.setAutoCommit(false);

            // when: everything the writer does, then the caller's rollback
            LoadPipeline pipeline = pipeline();
            try (LoadedFile loaded = pipeline.load(c, WRITER, new TargetLoad(stream, unit, DATE, LocalDateTime.now(), List.of(), false),
                    file, (l, b) -> { })) {
                assertThat(WRITER.reconcile(c, loaded.load()).rows()).isEqualTo(15);
            }
            c.rollback();
            c.setAutoCommit(true);

            // then: had the writer issued any DDL, Snowflake would have committed the rows before the rollback
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isEqualTo(before);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE PROS_KEY_EFFT_I = ?", unit)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR_STG")).isZero();
        }
    }

    @Test
    @Order(6)
    void a_named_stage_receives_the_files_and_keeps_none_after_the_load() throws Exception {
        // given a named internal stage, created by setup as a DBA would, not by a load
        Path file = generated("BCFINSG_CD", 25);
        try (Connection c = database.connect()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE STAGE " + NAMED_STAGE);
            }
            long unit = nextProcessId(c);

            // when
            Loaded loaded = loadAndCommit(c, new SnowflakeStageWriter(NAMED_STAGE), file,
                    new TargetLoad(stream, unit, DATE, LocalDateTime.now(), List.of(), false));

            // then
            assertThat(loaded.reconciliation().rows()).isEqualTo(25);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE PROS_KEY_EFFT_I = ?", unit)).isEqualTo(25);
            assertThat(stagingRows(c, unit)).as("staging emptied").isZero();
            assertThat(stagedFiles(c, "@" + NAMED_STAGE)).as("the named stage after COPY ... PURGE").isEmpty();
        }
    }

    @Test
    @Order(7)
    void repeated_keys_are_settled_set_based_and_the_first_record_of_each_wins() throws Exception {
        // given a unit of 30 records whose last 10 repeat keys of the first 10 (another amount)
        LocalDate date = DATE.plusDays(1);
        Path file = new FeedGenerator(stream).gzip(false).controlLine(false).generate(WORK.resolve("BCFINSG_CE"), "BCFINSG_CE", date, 20, 0).loadFile();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int amount = stream.layout().indexOf("CURR_MIN_PAYT_DUE");
        for (int i = 0; i < 10; i++) {
            String[] repeat = lines.get(i).split("\\|", -1);
            repeat[amount] = "999.99";
            lines.add(String.join("|", repeat));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);

        try (Connection c = database.connect()) {
            long unit = nextProcessId(c);

            // when
            Loaded loaded = loadAndCommit(c, WRITER, file, new TargetLoad(stream, unit, date, LocalDateTime.now(), List.of(), false));

            // then
            assertThat(loaded.duplicates()).isEqualTo(10);
            assertThat(loaded.reconciliation().rows()).isEqualTo(20);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ? AND ROW_I > 20", Date.valueOf(date)))
                    .as("rows of a later record of their key").isZero();
            assertThat(stagingRows(c, unit)).as("staging emptied").isZero();
        }
    }

    @Test
    @Order(8)
    void a_suspect_of_a_new_key_becomes_a_row_and_takes_over_another_units_key() throws Exception {
        // given unit 1 holds 7001 and 7004; unit 2 has written 7002 (line 1) and 7003 (line 2) and, as after fingerprint
        // collisions, suspects: line 3 repeats 7002, line 4 has unit 1's 7004, line 5 a new 7005, line 6 repeats it
        LocalDate date = DATE.plusDays(2);
        ParsedRows rows = new ParsedRows("snowflake-integration-test");
        try (Connection c = database.connect()) {
            long first = nextProcessId(c);
            long second = nextProcessId(c);
            c.setAutoCommit(false);
            WRITER.write(c, load(first, date), ParsedRows.source(List.of(rows.numbered(date, "7001", "7004"))));
            c.commit();
            WRITER.write(c, load(second, date), ParsedRows.source(List.of(rows.numbered(date, "7002", "7003"))));

            // when
            Set<Long> becameRows = WRITER.settle(c, load(second, date), ParsedRows.source(List.of(
                    rows.numbered(date, null, null, "7002", "7004", "7005"), rows.numbered(date, null, null, null, null, null, "7005"))));
            c.commit();
            c.setAutoCommit(true);

            // then
            assertThat(becameRows).containsExactlyInAnyOrder(4L, 5L);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ? AND PROS_KEY_EFFT_I = ?", Date.valueOf(date), first))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ? AND PROS_KEY_EFFT_I = ?", Date.valueOf(date), second))
                    .isEqualTo(4);
            assertThat(count(c, "SELECT SUM(ROW_I) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ? AND PROS_KEY_EFFT_I = ?", Date.valueOf(date), second))
                    .as("lines 1, 2, 4 and 5").isEqualTo(12);
            assertThat(stagingRows(c, second)).as("staging emptied").isZero();
        }
    }

    @Test
    @Order(9)
    void a_load_that_fails_right_after_the_copy_leaves_no_row_in_the_target_and_no_file_in_the_stage() throws Exception {
        // given a connection that refuses the MERGE: the load fails with its rows staged and copied into staging
        Path file = generated("BCFINSG_CF", 12);
        try (Connection c = database.connect()) {
            long before = count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR");
            long unit = nextProcessId(c);
            StatementCounter failing = new StatementCounter(c, sql -> sql.startsWith("MERGE INTO"));
            c.setAutoCommit(false);

            // when
            LoadPipeline pipeline = pipeline();
            assertThatThrownBy(() -> pipeline.load(failing.connection(), WRITER,
                    new TargetLoad(stream, unit, DATE, LocalDateTime.now(), List.of(), false), file, (l, b) -> { }))
                    .hasMessageContaining("refused by the test");
            c.rollback();
            c.setAutoCommit(true);

            // then: the COPY ran, the target saw nothing
            assertThat(failing.executed()).anyMatch(sql -> sql.startsWith("COPY INTO PLAN_BALN_SEGM_MSTR_STG"));
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isEqualTo(before);
            assertThat(count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE PROS_KEY_EFFT_I = ?", unit)).isZero();
            // the COPY rolled back with the transaction (the loader is correct either way: no MERGE selects a dead
            // process id), and its PURGE left no file of the attempt in the stage
            assertThat(stagingRows(c, unit)).isZero();
            assertThat(stagedFiles(c, DEFAULT_STAGE)).as("files of the failed attempt").noneMatch(f -> f.contains("gdw_" + unit + "_"));
        }
    }

    @Test
    @Order(10)
    void from_a_jvm_outside_utc_the_load_timestamp_is_stored_as_the_utc_wall_clock() throws Exception {
        // given a JVM in Sydney (UTC+10/+11) and a connection opened there
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Australia/Sydney"));
        LocalDate date = DATE.plusDays(3);
        LocalDateTime loaded = LocalDateTime.of(2026, 3, 18, 1, 2, 3, 456_000_000);
        try (Connection c = DriverManager.getConnection(System.getenv("SNOWFLAKE_URL"), properties(SCHEMA))) {
            long unit = nextProcessId(c);

            // when
            loadAndCommit(c, WRITER, generated("BCFINSG_CG", 5, date), new TargetLoad(stream, unit, date, loaded, List.of(), false));

            // then: the stored text, not read back through the JVM's zone
            try (PreparedStatement ps = c.prepareStatement("SELECT TO_VARCHAR(MIN(EFFT_S), 'YYYY-MM-DD HH24:MI:SS.FF3'), "
                    + "TO_VARCHAR(MAX(EFFT_S), 'YYYY-MM-DD HH24:MI:SS.FF3'), TO_VARCHAR(MIN(EFFT_D)) FROM PLAN_BALN_SEGM_MSTR WHERE PROS_KEY_EFFT_I = ?")) {
                ps.setLong(1, unit);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("2026-03-18 01:02:03.456");
                    assertThat(rs.getString(2)).isEqualTo("2026-03-18 01:02:03.456");
                    assertThat(rs.getString(3)).isEqualTo(date.toString());
                }
            }
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    /** The table stage of the staging table: where the files go unless LOADER_SNOWFLAKE_STAGE names a stage. */
    private static final String DEFAULT_STAGE = "@%PLAN_BALN_SEGM_MSTR_STG";

    /** A named internal stage in the scratch schema (dropped with it). */
    private static final String NAMED_STAGE = SCHEMA + ".GDW_IT_STAGE";

    /** The unit's rows in the staging table, which the stream's loads share. */
    private static long stagingRows(Connection c, long unit) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR_STG WHERE PROS_KEY_EFFT_I = ?", unit);
    }

    private static TargetLoad load(long processId, LocalDate date) {
        return new TargetLoad(stream, processId, date, LocalDateTime.now(), List.of(), false);
    }

    /**
     * The files in a stage ({@code LIST}). A successful COPY's PURGE may remove its files a moment after the COPY
     * returns, so an empty answer is waited for up to 30 s before the files are returned.
     */
    private static List<String> stagedFiles(Connection c, String stage) throws Exception {
        List<String> files = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            files.clear();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("LIST " + stage)) {
                while (rs.next()) {
                    files.add(rs.getString(1));
                }
            }
            if (files.isEmpty()) {
                return files;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return files;
    }

    /** The loader's pipeline with small batches and no caps. */
    private static LoadPipeline pipeline() {
        return new LoadPipeline(readers, new LoadPipeline.Settings(512, 4, 1 << 20, WORK, Long.MAX_VALUE, Long.MAX_VALUE), Checkpoint.NONE);
    }

    /** Loads the file in one transaction as the loader does, checks the reconciliation, commits. */
    private static Reconciliation loadAndCommit(Connection c, Path file, TargetLoad load) throws Exception {
        return loadAndCommit(c, WRITER, file, load).reconciliation();
    }

    private record Loaded(Reconciliation reconciliation, long duplicates) { }

    private static Loaded loadAndCommit(Connection c, SnowflakeStageWriter writer, Path file, TargetLoad load) throws Exception {
        c.setAutoCommit(false);
        try {
            LoadPipeline pipeline = pipeline();
            try (LoadedFile loaded = pipeline.load(c, writer, load, file, (l, b) -> { })) {
                Reconciliation rec = writer.reconcile(c, loaded.load());
                assertThat(rec.matches(loaded.statistics().rowsAccepted(), loaded.statistics().amountSum()))
                        .as("reconciliation %s against %d rows, amount %s", rec, loaded.statistics().rowsAccepted(),
                                loaded.statistics().amountSum())
                        .isTrue();
                assertThat(loaded.rowsWritten()).isEqualTo(rec.rows());
                c.commit();
                return new Loaded(rec, loaded.statistics().duplicates());
            }
        } catch (Exception | Error e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static Path generated(String unit, int rows) throws IOException {
        return generated(unit, rows, DATE);
    }

    private static Path generated(String unit, int rows, LocalDate date) throws IOException {
        return new FeedGenerator(stream).gzip(false).controlLine(false).generate(WORK.resolve(unit), unit, date, rows, 0).loadFile();
    }

    private static long nextProcessId(Connection c) throws SQLException {
        return count(c, "SELECT " + DatabaseKind.SNOWFLAKE.nextValue("DCF_S_PRCS_INST"));
    }

    private static long count(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
