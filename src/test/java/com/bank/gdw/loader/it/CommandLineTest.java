package com.bank.gdw.loader.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.ops.StatusReport;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The executable's commands and exit codes as operations.md lists them, run in-process on each test database. */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineTest extends CommandLineScenario {

    CommandLineTest(TestDatabase database) {
        // chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void dataDirectory(TestDatabase db) {
        open(db, "command-line", "command_line");
    }

    @AfterParameterizedClassInvocation
    static void reset() {
        close();
    }

    @Test
    @Order(1)
    void generate_then_run_loads_the_sample_files_and_exits_0() throws SQLException {
        Result g = cli("generate", "--rows", "300", "--date", "20261120", "--bad-ratio", "0.02");
        assertThat(g.exitCode()).isZero();
        assertThat(LoaderHarness.files(data.resolve("landing"))).containsExactly("BCFINSG_CA_20261120.DLY",
                "BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261120_I.txt.gz", "BCFINSG_CB_20261120.DLY", "BCFINSG_CB_PLAN_BALN_SEGM_MSTR_20261120_I.txt.gz");

        Result run = cli("run", "--date", "20261120", "--batch-id", "B-42");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("run 1 COMPLETED");
        assertThat(count("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isEqualTo(2 * (300 - 6));
        assertThat(count("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE BATCH_ID = 'B-42' AND STRM_STATUS = 'COMPLETED'")).isEqualTo(1);
        assertThat(LoaderHarness.files(data.resolve("reports"))).contains("PLAN_BALN_SEGM_MSTR_20261120_LOAD_RPT.csv");
    }

    @Test
    @Order(2)
    void a_date_without_source_data_exits_3() throws SQLException {
        Result run = cli("run", "--date", "20261121");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE BUS_DT = DATE '2026-11-21' AND STRM_STATUS = 'NO_DATA_AVAILABLE'"))
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void an_inactive_stream_is_refused_with_exit_4() throws SQLException {
        cli("generate", "--rows", "10", "--date", "20261122");
        sql("UPDATE DCF_T_STRM SET STRM_STATUS = 'INACTIVE' WHERE STRM_ID = 1490");

        Result run = cli("run", "--date", "20261122");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains("Stream is not in active status");
        assertThat(count("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE BUS_DT = DATE '2026-11-22'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM DCF_T_PRCS_EXEC_LOG WHERE MESSAGE_TYPE = 'WARN' AND MESSAGE_TEXT LIKE 'Stream is not in active status%'"))
                .isEqualTo(1);
        sql("UPDATE DCF_T_STRM SET STRM_STATUS = 'ACTIVE' WHERE STRM_ID = 1490");
    }

    @Test
    @Order(4)
    void a_stream_running_on_another_instance_is_refused_with_exit_4() throws SQLException {
        sql("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = 'other-host:4711:abcdef12', HOST_NAME = 'other-host', "
                + "LEASE_EXPIRES_TS = TIMESTAMP '2099-01-01 00:00:00' WHERE STRM_ID = 1490");

        Result run = cli("run", "--date", "20261122");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains("Concurrent execution detected - stream already running", "other-host:4711:abcdef12");
        assertThat(LoaderHarness.files(data.resolve("landing"))).contains("BCFINSG_CA_20261122.DLY");
        sql("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = NULL, HOST_NAME = NULL, LEASE_EXPIRES_TS = NULL WHERE STRM_ID = 1490");

        assertThat(cli("run", "--date", "20261122").exitCode()).isZero();
    }

    @Test
    @Order(5)
    void release_lock_frees_an_expired_lease_and_refuses_a_live_one_unless_forced() throws SQLException {
        sql("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = 'other-host:4711:abcdef12', HOST_NAME = 'other-host', "
                + "LEASE_EXPIRES_TS = TIMESTAMP '2099-01-01 00:00:00' WHERE STRM_ID = 1490");

        Result live = cli("release-lock", "--stream", "bcfinsg");
        assertThat(live.exitCode()).as(live.out() + live.err()).isEqualTo(4);
        assertThat(live.out()).contains("not released", "is live", "other-host:4711:abcdef12");
        assertThat(count("SELECT COUNT(*) FROM DCF_T_STRM_LOCK WHERE OWNER_ID = 'other-host:4711:abcdef12'")).isEqualTo(1);

        Result forced = cli("release-lock", "--stream", "bcfinsg", "--force");
        assertThat(forced.exitCode()).as(forced.out() + forced.err()).isZero();
        assertThat(forced.out()).contains("released the live lease held by other-host:4711:abcdef12", "forced");
        assertThat(count("SELECT COUNT(*) FROM DCF_T_STRM_LOCK WHERE STRM_ID = 1490 AND OWNER_ID IS NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM DCF_T_PRCS_EXEC_LOG WHERE MESSAGE_TYPE = 'WARN' "
                + "AND MESSAGE_TEXT LIKE '%released the live lease held by other-host:4711:abcdef12%command line%'")).isEqualTo(1);

        sql("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = 'other-host:4711:abcdef12', HOST_NAME = 'other-host', "
                + "LEASE_EXPIRES_TS = TIMESTAMP '2001-01-01 00:00:00' WHERE STRM_ID = 1490");
        Result expired = cli("release-lock", "--stream", "bcfinsg");
        assertThat(expired.exitCode()).as(expired.out() + expired.err()).isZero();
        // the command's own start may already have taken the expired lease over to recover, and given it back
        assertThat(expired.out()).containsAnyOf("released the expired lease held by other-host:4711:abcdef12", "is free");
        assertThat(count("SELECT COUNT(*) FROM DCF_T_STRM_LOCK WHERE STRM_ID = 1490 AND OWNER_ID IS NULL")).isEqualTo(1);

        assertThat(cli("release-lock").exitCode()).as("--stream is required").isEqualTo(2);
        assertThat(cli("release-lock", "--stream", "nosuch").exitCode()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void a_bad_option_or_argument_is_a_one_line_error_with_exit_2() {
        Result badOption = cli("run", "--date", "20261120", "--bogus");
        Result badDate = cli("run", "--date", "20261332");
        Result missing = cli("generate", "--date", "20261120");
        Result longBatch = cli("run", "--date", "20261120", "--batch-id", "B".repeat(65));
        Result brokenBatch = cli("run", "--date", "20261120", "--batch-id", "B1\n2026-01-15 04:00:00.000 ERROR [bcfinsg] X - forged");
        Result yearZero = cli("run", "--date", "00000101");
        Result negativeRuns = cli("status", "--runs", "-1");

        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err().strip()).isEqualTo("gdw-loader: Unknown option: '--bogus' (see --help)");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err().strip()).isEqualTo("gdw-loader: --date 20261332 is not a date YYYYMMDD");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--rows");
        assertThat(longBatch.exitCode()).isEqualTo(2);
        assertThat(longBatch.err().strip()).isEqualTo("gdw-loader: --batch-id must be 1 to 64 characters, not 65");
        // it is written into the log and the report mail, so a line break in it would be a line of its own there
        assertThat(brokenBatch.exitCode()).isEqualTo(2);
        assertThat(brokenBatch.err().strip()).isEqualTo("gdw-loader: --batch-id must not hold control characters: "
                + "B1\\x0a2026-01-15 04:00:00.000 ERROR [bcfinsg] X - forged");
        // the year 0 (1 BC) is no business date; DuckDB stored it as 0001-01-01 and replaced that date's rows
        assertThat(yearZero.exitCode()).isEqualTo(2);
        assertThat(yearZero.err().strip()).isEqualTo("gdw-loader: --date 00000101 is not a date YYYYMMDD");
        // it reached the database as LIMIT -1 and came back as exit 1, "the database does not answer"
        assertThat(negativeRuns.exitCode()).isEqualTo(2);
        assertThat(negativeRuns.err().strip()).isEqualTo("gdw-loader: --runs must be at least 1, not -1");
    }

    @Test
    @Order(7)
    void status_lists_the_stream_and_its_recent_runs() {
        Result status = cli("status");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("BCFINSG_PLAN_BALN_SEGM_LOAD (id 1490, PLAN_BALN_SEGM_MSTR): ACTIVE, lease free")
                .contains("COMPLETED").contains("NO_DATA_AVAILABLE");
    }

    @Test
    @Order(8)
    void status_shows_control_characters_of_the_dcf_tables_escaped_and_its_json_keeps_them() throws SQLException {
        // given a file name and a run's error in the DCF tables with a terminal escape, a line break and a C1 CSI
        String fileName = "BCFINSG_CA_X.gz\u001b[2J\nforged line";
        String error = "load failed: \u001b]0;owned\u0007 here\nsecond line \u009b31m";
        update("UPDATE DCF_T_PRCS_INST SET FILE_NAME = ? WHERE PRCS_INST_ID = (SELECT MIN(PRCS_INST_ID) FROM DCF_T_PRCS_INST)", fileName);
        update("UPDATE DCF_T_STRM_INST SET ERROR_MESSAGE = ? WHERE STRM_INST_ID = (SELECT MIN(STRM_INST_ID) FROM DCF_T_STRM_INST)", error);

        // when status prints them for a person, and as JSON
        Result status = cli("status");
        Result json = cli("status", "--json");

        // then no control character reaches the terminal: each is shown as \xNN, the error folded into its run's line
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("BCFINSG_CA_X.gz\\x1b[2J\\x0aforged line")
                .contains("load failed: \\x1b]0;owned\\x07 here; second line \\x9b31m")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b");
        assertThat(status.out().lines()).noneMatch(l -> l.startsWith("forged") || l.startsWith("second line"));
        // and the JSON stays JSON, with the values as stored
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(StatusReport.fromJson(json.out())).singleElement().satisfies(s -> {
            assertThat(s.runs()).anySatisfy(r -> assertThat(r.run().error()).isEqualTo(error));
            assertThat(s.runs()).anySatisfy(r -> assertThat(r.units()).anySatisfy(u -> assertThat(u.fileName()).isEqualTo(fileName)));
        });
    }

    private static void update(String statement, String value) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, value);
            assertThat(ps.executeUpdate()).as(statement).isEqualTo(1);
        }
    }

    @Test
    @Order(9)
    void help_is_printed_for_every_command() {
        for (String command : new String[] {"serve", "run", "generate", "status", "release-lock"}) {
            Result help = cli(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: gdw-loader " + command);
        }
        assertThat(cli("run", "--help").out().replaceAll("\\s+", " "))
                .contains("Exit codes: 0 completed, 1 failed, 2 bad arguments or configuration, 3 no source data, 4 stream inactive or "
                        + "already running (or a running serve holds the embedded database file).");
    }
}
