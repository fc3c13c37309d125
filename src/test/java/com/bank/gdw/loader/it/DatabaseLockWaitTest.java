package com.bank.gdw.loader.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A control table locked by another session (a DBA's maintenance, a stuck report query) holds the loader's
 * statements up: the loader waits, since the lock will go, but never in silence. Every 10 s of waiting is a WARN line
 * naming the statement, in `run` as in `serve`; once the lock goes, the run carries on.
 */
class DatabaseLockWaitTest {

    @Test
    void a_statement_held_up_by_another_session_s_lock_is_reported_every_10_seconds_and_the_run_then_carries_on() throws Exception {
        PostgresRuns runs = PostgresRuns.with("lock-wait", LocalDate.of(2026, 1, 21), 100);
        try (ChildLoader first = runs.run("first", "20260120")) {
            assertThat(first.awaitExit(Duration.ofMinutes(2))).as(first.output()).isEqualTo(3);
        }

        try (Connection dba = DriverManager.getConnection(runs.url(), TestDatabase.PG_USER, "")) {
            dba.setAutoCommit(false);
            try (Statement st = dba.createStatement()) {
                st.execute("LOCK TABLE DCF_T_STRM_INST IN ACCESS EXCLUSIVE MODE");
            }
            try (ChildLoader run = runs.run("run", "20260121")) {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                        .until(() -> run.output().contains("waiting 10 s for the database: "));
                dba.rollback();

                assertThat(run.awaitExit(Duration.ofMinutes(2))).as(run.output()).isZero();
                assertThat(run.output().lines().filter(l -> l.contains("WARN") && l.contains("waiting 10 s for the database: ")))
                        .singleElement().asString().containsIgnoringCase("DCF_T_STRM_INST")
                        .contains("(held up by a lock of another session?)");
                assertThat(run.output()).contains("run 2 COMPLETED");
            }
        }
    }
}
