package com.bank.gdw.loader.it;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database error whose message spans lines (PostgreSQL's "Where: COPY ..., line N") still ends {@code run} with one
 * result line per unit and one for the run on stdout, and an ERROR_MESSAGE of one line, for a scheduler to parse.
 */
class DatabaseErrorLineTest extends CommandLineScenario {

    @BeforeAll
    static void database() {
        open(TestDatabase.POSTGRESQL, "database-error-line", "database_error_line");
    }

    @AfterAll
    static void reset() {
        close();
    }

    @Test
    void a_statement_timeout_during_the_copy_is_one_result_line_and_a_one_line_error_message() throws SQLException {
        assertThat(cli("generate", "--rows", "300000", "--date", "20261126", "--prefix", "BCFINSG_CA").exitCode()).isZero();
        // as a DBA would: every statement of every new session is cancelled after 1.5 s, the COPY of 300 000 rows too
        sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET statement_timeout = ''1500ms''', current_database()); END $$");

        Result run = cli("run", "--date", "20261126");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out().lines()).as(run.out()).hasSize(2);
        assertThat(run.out().lines().toList().get(0)).contains("FAILED", "ERROR: canceling statement due to statement timeout");
        assertThat(run.out().lines().toList().get(1)).contains("FAILED", "ERROR: canceling statement due to statement timeout");
        assertThat(count("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE PRCS_STATUS = 'FAILED'"
                + " AND ERROR_MESSAGE LIKE '%canceling statement due to statement timeout%'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE POSITION(CHR(10) IN ERROR_MESSAGE) > 0"
                + " OR POSITION(CHR(13) IN ERROR_MESSAGE) > 0")).isZero();
        assertThat(count("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE STRM_STATUS = 'FAILED'"
                + " AND POSITION(CHR(10) IN ERROR_MESSAGE) = 0 AND POSITION(CHR(13) IN ERROR_MESSAGE) = 0")).isEqualTo(1);
    }
}
