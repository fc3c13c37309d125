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

/**
 * The loader creates a missing target table at its start, as at the first start ever; but where the DCF tables record
 * completed loads into it, the table was dropped (or the loader points at another database), and it says so.
 */
class TargetTableGoneTest {

    @Test
    void a_target_table_created_again_after_completed_loads_is_a_warning_naming_them() throws Exception {
        PostgresRuns runs = PostgresRuns.with("target-gone", LocalDate.of(2026, 1, 22), 100);
        try (ChildLoader first = runs.run("first", "20260122")) {
            assertThat(first.awaitExit(Duration.ofMinutes(2))).as(first.output()).isZero();
            assertThat(first.output()).contains("created the target table PLAN_BALN_SEGM_MSTR").doesNotContain("did not exist");
        }
        try (Connection dba = DriverManager.getConnection(runs.url(), TestDatabase.PG_USER, ""); Statement st = dba.createStatement()) {
            st.execute("DROP TABLE PLAN_BALN_SEGM_MSTR");
        }

        try (ChildLoader next = runs.run("next", "20260123")) {
            assertThat(next.awaitExit(Duration.ofMinutes(2))).as(next.output()).isEqualTo(3);
            assertThat(next.output().lines().filter(l -> l.contains(" WARN ")))
                    .anyMatch(l -> l.contains("created the target table PLAN_BALN_SEGM_MSTR, which did not exist although the DCF "
                            + "tables record 1 completed load(s) into it"));
        }
    }
}
