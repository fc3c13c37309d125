package com.bank.gdw.loader.error;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.flywaydb.core.internal.exception.FlywaySqlException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A failure said in one line that names its cause: what stdout's result lines, DCF's ERROR_MESSAGE and one ERROR log
 * line carry, whatever lines, rules and statements the database, its driver, Flyway or Jdbi put into their messages.
 */
class ErrorLineTest {

    /** A PostgreSQL error as the driver builds it from the server's fields (severity, code, message, where). */
    private static PSQLException postgres(String severity, String state, String message, String where) {
        return new PSQLException(new ServerErrorMessage("S" + severity + "\0V" + severity + "\0C" + state + "\0M" + message
                + (where == null ? "" : "\0W" + where) + "\0"));
    }

    @Test
    void a_postgresql_error_with_a_where_line_is_one_line_its_context_after_a_separator() {
        PSQLException timeout = postgres("ERROR", "57014", "canceling statement due to statement timeout",
                "COPY plan_baln_segm_mstr, line 14322");
        assertThat(timeout.getMessage()).as("the driver's own message").contains("\n");

        assertThat(ErrorLine.of(timeout)).isEqualTo("PSQLException: ERROR: canceling statement due to statement timeout; "
                + "Where: COPY plan_baln_segm_mstr, line 14322");
    }

    @Test
    void a_connection_flyway_could_not_get_is_said_by_the_databases_refusal_without_flyways_form() {
        PSQLException refusal = postgres("FATAL", "55000", "database \"probe1_r04b\" is not currently accepting connections", null);
        SQLTransientConnectionException timedOut = new SQLTransientConnectionException("loader-dcf - Connection is not available, "
                + "request timed out after 10000ms (total=0, active=0, idle=0, waiting=0)", "55000", refusal);
        FlywaySqlException flyway = new FlywaySqlException("Unable to obtain connection from database: " + timedOut.getMessage(), timedOut);
        assertThat(flyway.getMessage()).as("Flyway's own message").contains("\n").contains("SQL State");

        String line = "no connection to the database: PSQLException: FATAL: database \"probe1_r04b\" is not currently accepting connections";
        assertThat(ErrorLine.of(flyway)).isEqualTo(line);
        assertThat(ErrorLine.of(new IllegalStateException(flyway.getMessage(), flyway))).as("wrapped, its message passed on").isEqualTo(line);
    }

    @Test
    void a_failed_jdbi_statement_is_said_without_its_statement_and_arguments() {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        UnableToExecuteStatementException failed;
        try (Handle h = Jdbi.create("jdbc:duckdb:").open()) {
            h.execute("CREATE TABLE DCF_T_FILE_MOVE (SHA256 VARCHAR, MOVED BOOLEAN CHECK (NOT MOVED))");
            failed = catchThrowableOfType(UnableToExecuteStatementException.class, () -> h.createUpdate(
                    "INSERT INTO DCF_T_FILE_MOVE (SHA256, MOVED) VALUES (:sha, TRUE)").bind("sha", sha).execute());
        }
        assertThat(failed.getMessage()).as("Jdbi's own message").contains("statement:", sha);

        String line = ErrorLine.of(failed);

        assertThat(line).startsWith("SQLException: ").contains("CHECK constraint failed").doesNotContain("statement:", "arguments", sha)
                .doesNotContain("\n", "\r");
    }

    @Test
    void a_message_of_many_lines_is_folded_and_control_characters_are_escaped() {
        assertThat(ErrorLine.folded("first\r\n  second\n\n-----\nthird\u0000")).isEqualTo("first; second; third\\x00");
        assertThat(ErrorLine.folded("one line")).isEqualTo("one line");
        // a terminal acts on ESC, BEL, DEL and the C1 CSI alike; a tab and text beyond them stay as they are
        assertThat(ErrorLine.folded("\u001b[2J\u0007\u007f\u009b31m\tÄ€")).isEqualTo("\\x1b[2J\\x07\\x7f\\x9b31m\tÄ€");
        assertThat(ErrorLine.folded(null)).isNull();
    }

    @Test
    void an_error_is_named_by_its_class_and_the_wrapper_of_a_disk_error_is_skipped() {
        assertThat(ErrorLine.of(new UncheckedIOException(new IOException("No space left on device"))))
                .isEqualTo("IOException: No space left on device");
        assertThat(ErrorLine.of(new SQLException("An I/O error occurred while sending to the backend.", "08006")))
                .isEqualTo("SQLException: An I/O error occurred while sending to the backend.");
        assertThat(ErrorLine.of(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void the_first_line_of_a_message_is_what_comes_before_its_first_line_break() {
        assertThat(ErrorLine.firstLine("ERROR: numeric field overflow\n  Where: COPY ...")).isEqualTo("ERROR: numeric field overflow");
        assertThat(ErrorLine.firstLine(null)).isEmpty();
    }
}
