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

/**
 * The Snowflake path against a real account, in a scratch schema dropped afterwards: DCF migration, a unit's load, its
 * resend, an upsert over another unit's key, and a rollback. Runs only when SNOWFLAKE_URL (with db= and warehouse=,
 * not schema=), SNOWFLAKE_USER and SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_FILE are set; skipped otherwise.
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
            LoadPipeline pipeline = new LoadPipeline(readers, new LoadPipeline.Settings(512, 4, 1 << 20, WORK, Long.MAX_VALUE, Long.MAX_VALUE), Checkpoint.NONE);
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

    /** Loads the file in one transaction as the loader does, checks the reconciliation, commits. */
    private static Reconciliation loadAndCommit(Connection c, Path file, TargetLoad load) throws Exception {
        c.setAutoCommit(false);
        try {
            LoadPipeline pipeline = new LoadPipeline(readers, new LoadPipeline.Settings(512, 4, 1 << 20, WORK, Long.MAX_VALUE, Long.MAX_VALUE), Checkpoint.NONE);
            try (LoadedFile loaded = pipeline.load(c, WRITER, load, file, (l, b) -> { })) {
                Reconciliation rec = WRITER.reconcile(c, loaded.load());
                assertThat(rec.matches(loaded.statistics().rowsAccepted(), loaded.statistics().amountSum()))
                        .as("reconciliation %s against %d rows, amount %s", rec, loaded.statistics().rowsAccepted(),
                                loaded.statistics().amountSum())
                        .isTrue();
                assertThat(loaded.rowsWritten()).isEqualTo(rec.rows());
                c.commit();
                return rec;
            }
        } catch (Exception | Error e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static Path generated(String unit, int rows) throws IOException {
        return new FeedGenerator(stream).gzip(false).controlLine(false).generate(WORK.resolve(unit), unit, DATE, rows, 0).loadFile();
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
