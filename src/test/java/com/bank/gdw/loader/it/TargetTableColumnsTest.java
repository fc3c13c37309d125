package com.bank.gdw.loader.it;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.load.TargetTable;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A target table that exists with other columns than the stream definition names (one missing, an extra NOT NULL
 * one, one renamed) is refused at start by run, replay and serve with exit code 2 and one line naming the table and
 * the columns, before any row or DCF run is written; validate lists it as a problem. A table with the same columns
 * in another case is the same table.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class TargetTableColumnsTest extends CommandLineScenario {

    private static final String TABLE = "PLAN_BALN_SEGM_MSTR";
    private static final LocalDate DATE = LocalDate.of(2026, 3, 9);
    private static StreamDefinition stream;
    private static long runsBefore;
    private static long loadsBefore;

    TargetTableColumnsTest(TestDatabase database) {
        // chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void openDatabaseAndStartOnce(TestDatabase db) throws IOException, SQLException {
        open(db, "target-table-columns", "target_table_columns");
        stream = new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"));
        // a first start, as the loader's first ever: DCF tables and the target table made (no data for the date: exit 3)
        Result first = cli("run", "--date", "20260101");
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(3);
    }

    @AfterParameterizedClassInvocation
    static void reset() {
        close();
    }

    @BeforeEach
    void noTableAndEmptyLanding() throws SQLException, IOException {
        LoaderHarness.deleteTree(data.resolve("landing"));
        sql("DROP TABLE IF EXISTS " + TABLE);
        runsBefore = count("SELECT COUNT(*) FROM DCF_T_STRM_INST");
        loadsBefore = count("SELECT COUNT(*) FROM DCF_T_PRCS_INST");
    }

    /** A unit of the date in landing; its number of rows makes its content differ from the other tests' (no same-content skip). */
    private static void unitInLanding(String unit, int rows) throws IOException {
        new FeedGenerator(stream).generate(data.resolve("landing"), unit, DATE, rows, 0);
    }

    /** The table as the loader would create it, its DDL edited as a DBA might have. */
    private static void createTable(java.util.function.UnaryOperator<String> edit) throws SQLException {
        sql(edit.apply(new TargetTable(stream).createSql(TABLE)));
    }

    @Test
    void a_missing_column_refuses_run_replay_and_serve_with_exit_2_and_one_line() throws Exception {
        createTable(ddl -> ddl.replace("    PLAN_TYPE VARCHAR(1),\n", ""));
        String refusal = "gdw-loader: the target table " + TABLE + " of stream bcfinsg does not match its definition: "
                + "missing column(s) PLAN_TYPE";

        unitInLanding("BCFINSG_CA", 20);
        Result run = cli("run", "--date", "20260309");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(refusal);
        Result replay = cli("replay", "--from", "20260309", "--to", "20260309");
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isEqualTo(2);
        assertThat(replay.err().strip()).isEqualTo(refusal);
        try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), serveProperties(), serveEnv(), "serve")) {
            assertThat(serve.awaitExit(Duration.ofMinutes(2))).as(serve.output()).isEqualTo(2);
            assertThat(serve.output()).contains(refusal);
        }
        assertNothingWritten();
    }

    @Test
    void an_extra_not_null_column_is_refused() throws Exception {
        createTable(ddl -> ddl.replace("    PRIMARY KEY", "    BRANCH_CODE VARCHAR(4) NOT NULL,\n    PRIMARY KEY"));

        unitInLanding("BCFINSG_CA", 20);
        Result run = cli("run", "--date", "20260309");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("gdw-loader: the target table " + TABLE + " of stream bcfinsg does not match its "
                + "definition: extra NOT NULL column(s) without a default, which the loader does not fill: BRANCH_CODE");
        assertNothingWritten();
    }

    @Test
    void a_renamed_column_is_refused_and_validate_lists_it() throws Exception {
        createTable(ddl -> ddl.replace("    PLAN_CATG VARCHAR(1),", "    PLAN_CATEGORY VARCHAR(1) NOT NULL,"));
        String problem = "the target table " + TABLE + " of stream bcfinsg does not match its definition: missing column(s) "
                + "PLAN_CATG; extra NOT NULL column(s) without a default, which the loader does not fill: PLAN_CATEGORY";

        unitInLanding("BCFINSG_CA", 20);
        Result run = cli("run", "--date", "20260309");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("gdw-loader: " + problem);
        Result validate = cli("validate", "--date", "20260309");
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(2);
        assertThat(validate.out().lines()).contains("  ERROR " + problem);
        assertNothingWritten();
    }

    @Test
    void the_same_columns_in_lower_case_and_an_extra_nullable_column_load() throws Exception {
        createTable(ddl -> ddl.replace("    PRIMARY KEY", "    NOTE VARCHAR(40),\n    PRIMARY KEY").toLowerCase());

        unitInLanding("BCFINSG_CB", 21);
        Result run = cli("run", "--date", "20260309");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(count("SELECT COUNT(*) FROM " + TABLE)).isEqualTo(21);
    }

    @Test
    void the_set_up_refuses_a_table_it_finds_changed_when_the_database_answers() throws Exception {
        // the start's check cannot see a database that is down; the set-up compares again once it answers
        createTable(ddl -> ddl.replace("    PLAN_TYPE VARCHAR(1),\n", ""));
        unitInLanding("BCFINSG_CA", 20);

        try (LoaderHarness h = LoaderHarness.startUninitialized(data.getFileName().toString(), LoaderHarness.options().existing(jdbcUser == null ? null : jdbcUrl))) {
            assertThatThrownBy(() -> h.loader().initialize()).isInstanceOf(IllegalStateException.class).hasMessage("the target table "
                    + TABLE + " of stream bcfinsg does not match its definition: missing column(s) PLAN_TYPE");
        }
        assertNothingWritten();
    }

    private static void assertNothingWritten() throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM " + TABLE)).as("target rows").isZero();
        assertThat(count("SELECT COUNT(*) FROM DCF_T_STRM_INST")).as("DCF runs").isEqualTo(runsBefore);
        assertThat(count("SELECT COUNT(*) FROM DCF_T_PRCS_INST")).as("DCF unit loads").isEqualTo(loadsBefore);
    }

    private static Map<String, String> serveProperties() {
        Map<String, String> p = ChildLoader.quickServe(data);
        p.put("loader.http.port", "0");
        p.put("loader.triggers.enabled", "false");
        return p;
    }

    private static Map<String, String> serveEnv() {
        return jdbcUser == null ? Map.of() : Map.of("LOADER_DB_URL", jdbcUrl, "LOADER_DB_USER", jdbcUser);
    }
}
