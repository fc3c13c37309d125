package com.bank.gdw.loader.unit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLException;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import com.bank.gdw.loader.feed.FeedFormatException;
import com.bank.gdw.loader.load.RefusedValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Whose problem a failed unit is, decided in one place, and said with file, line and column where known. */
class FileOrInfrastructureTest {

    private static final String FILE = "BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261123_I.txt.gz";

    @Test
    void a_value_the_database_refuses_is_the_files_problem_named_by_line_and_column() {
        RefusedValueException refused = new RefusedValueException(new SQLException("ERROR: numeric field overflow\n  Where: COPY ...", "22003"), 3, "orig_baln");

        UnitFailure f = UnitFailure.of(new IllegalStateException("wrapped", refused), FILE);

        assertThat(f.kind()).isEqualTo(FailureKind.FILE);
        assertThat(f.message()).isEqualTo(FILE + " line 3 column ORIG_BALN: the database refused a value: ERROR: numeric field overflow");
    }

    @Test
    void a_refusal_without_line_or_column_names_the_file() {
        UnitFailure f = UnitFailure.of(new RefusedValueException(new SQLException("Conversion Error: Casting value failed"), 0, null), FILE);

        assertThat(f.message()).isEqualTo(FILE + ": the database refused a value: Conversion Error: Casting value failed");
    }

    @Test
    void an_unreadable_or_corrupt_file_is_the_files_problem() {
        assertThat(UnitFailure.of(new FeedFormatException(FILE + ": not a gzip file"), FILE))
                .isEqualTo(new UnitFailure(FailureKind.FILE, FILE + ": not a gzip file"));
        assertThat(UnitFailure.of(new UncheckedIOException(new AccessDeniedException(FILE)), FILE).kind()).isEqualTo(FailureKind.FILE);
    }

    @Test
    void a_database_or_disk_fault_is_the_infrastructures() {
        assertThat(UnitFailure.of(new SQLException("An I/O error occurred while sending to the backend.", "08006"), FILE))
                .isEqualTo(new UnitFailure(FailureKind.INFRASTRUCTURE, "SQLException: An I/O error occurred while sending to the backend."));
        assertThat(UnitFailure.of(new UncheckedIOException(new IOException("No space left on device")), FILE))
                .isEqualTo(new UnitFailure(FailureKind.INFRASTRUCTURE, "IOException: No space left on device"));
    }

    @Test
    void a_database_error_of_many_lines_is_said_in_one_line_that_keeps_its_context() {
        PSQLException timeout = new PSQLException(new ServerErrorMessage("SERROR\0VERROR\0C57014\0M"
                + "canceling statement due to statement timeout\0WCOPY plan_baln_segm_mstr, line 14322\0"));

        UnitFailure f = UnitFailure.of(new IllegalStateException(timeout.getMessage(), timeout), FILE);

        assertThat(f).isEqualTo(new UnitFailure(FailureKind.INFRASTRUCTURE, "PSQLException: ERROR: canceling statement due to"
                + " statement timeout; Where: COPY plan_baln_segm_mstr, line 14322"));
    }

    @Test
    void a_failed_statement_is_said_without_the_statement_and_its_arguments() {
        Throwable failed;
        try (Handle h = Jdbi.create("jdbc:duckdb:").open()) {
            h.execute("CREATE TABLE DCF_T_FILE_MOVE (SHA256 VARCHAR CHECK (LENGTH(SHA256) = 64))");
            failed = catchThrowable(() -> h.createUpdate("INSERT INTO DCF_T_FILE_MOVE (SHA256) VALUES (:sha)")
                    .bind("sha", "0123456789abcdef").execute());
        }

        UnitFailure f = UnitFailure.of(failed, FILE);

        assertThat(failed).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(f.kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(f.message()).startsWith("SQLException: ").contains("CHECK constraint failed")
                .doesNotContain("statement:", "arguments", "0123456789abcdef", "\n");
    }

    @Test
    void the_infrastructure_failing_the_same_bytes_up_to_the_cap_makes_it_the_files_problem() {
        UnitFailure outage = new UnitFailure(FailureKind.INFRASTRUCTURE, "SQLException: relation does not exist");

        assertThat(outage.afterAttempts(2, 3)).isSameAs(outage);
        UnitFailure capped = outage.afterAttempts(3, 3);
        assertThat(capped.kind()).isEqualTo(FailureKind.FILE);
        assertThat(capped.message()).startsWith("SQLException: relation does not exist; the unit failed 3 times on the same bytes")
                .contains("loader.unit.max-attempts = 3");
        UnitFailure file = new UnitFailure(FailureKind.FILE, "corrupt");
        assertThat(file.afterAttempts(9, 3)).isSameAs(file);
    }
}
