package com.bank.gdw.loader.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.testkit.RecordLines;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the target table in its own database, the target commits before the DCF tables: a crash (or a failed DCF
 * commit) between the two leaves rows of a process that is ABANDONED or FAILED in the DCF tables. The next load of
 * that unit and date replaces the rows of every earlier process, whatever its status.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class SeparateTargetReloadTest {

    private static final String TARGET = "PLAN_BALN_SEGM_MSTR";
    private static TestDatabase db;
    /** Not a ScenarioTest: DcfInvariants read the target in the DCF database; here every row's process is checked below. */
    private static LoaderHarness h;

    SeparateTargetReloadTest(TestDatabase database) {
        // chosen per class invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        db = database;
        String targetUrl = database == TestDatabase.DUCKDB
                ? "jdbc:duckdb:" + java.nio.file.Path.of("target", "it", "separate-target-" + database, "db", "target.duckdb").toAbsolutePath()
                : database.freshUrl("separate_target_rows");
        h = LoaderHarness.start("separate-target-" + database, LoaderHarness.options().database(database, "separate_target_dcf")
                .property("loader.target.url", targetUrl).property("loader.target.user", TestDatabase.PG_USER));
    }

    @AfterParameterizedClassInvocation
    static void close() {
        h.close();
        h = null;
        db.drop("separate_target_rows");
    }

    private static String records(String prefix, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(RecordLines.record(h.stream(), prefix + String.format("%03d", i)).line()).append('\n');
        }
        return sb.toString();
    }

    private static void dropUnit(LocalDate d, String records, long count) {
        h.drop(h.stream().files().loadName("BCFINSG_CA", d, false), records);
        h.drop(h.stream().files().triggerName("BCFINSG_CA", d), "CTL|" + d.format(DateTimeFormatter.BASIC_ISO_DATE) + "|" + count + "\n");
    }

    private static long targetNumber(String sql, Object... params) {
        try (Connection c = h.loader().targetDatabase().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                // snowflake-jdbc takes no java.time value in setObject
                ps.setObject(i + 1, params[i] instanceof java.time.LocalDate d ? java.sql.Date.valueOf(d) : params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static long processOf(RunOutcome o) {
        return h.number("SELECT PRCS_INST_ID FROM DCF_T_PRCS_INST WHERE STRM_INST_ID = ?", o.runId());
    }

    @Test
    void the_target_is_a_database_of_its_own() {
        assertThat(h.loader().targetDatabase()).isNotSameAs(h.loader().dcfDatabase());
    }

    @Test
    void a_reload_replaces_the_rows_of_an_abandoned_process_left_between_the_two_commits() {
        theLeftoverRowsOfAnEarlierProcessAreReplaced(LocalDate.of(2026, 8, 1), "ABANDONED");
    }

    @Test
    void a_reload_replaces_the_rows_of_a_failed_process_left_between_the_two_commits() {
        theLeftoverRowsOfAnEarlierProcessAreReplaced(LocalDate.of(2026, 8, 2), "FAILED");
    }

    private void theLeftoverRowsOfAnEarlierProcessAreReplaced(LocalDate d, String status) {
        // given a load whose target rows committed while its DCF rows did not (the process ended ABANDONED or FAILED)
        dropUnit(d, records("5", 30), 30);
        RunOutcome first = h.run(d);
        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        long leftover = processOf(first);
        h.execute("UPDATE DCF_T_PRCS_INST SET PRCS_STATUS = ? WHERE PRCS_INST_ID = ?", status, leftover);
        assertThat(targetNumber("SELECT COUNT(*) FROM " + TARGET + " WHERE PROS_KEY_EFFT_I = ?", leftover)).isEqualTo(30);

        // when the unit is loaded again, with 20 of the 30 records
        dropUnit(d, records("5", 20), 20);
        RunOutcome reload = h.run(d);

        // then the target holds exactly the reload's rows: none of the leftover process survives
        assertThat(reload.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(targetNumber("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ?", d)).isEqualTo(20);
        assertThat(targetNumber("SELECT COUNT(*) FROM " + TARGET + " WHERE PROS_KEY_EFFT_I = ?", leftover)).isZero();
        assertThat(targetNumber("SELECT COUNT(*) FROM " + TARGET + " WHERE PROS_KEY_EFFT_I = ?", processOf(reload))).isEqualTo(20);
    }
}
