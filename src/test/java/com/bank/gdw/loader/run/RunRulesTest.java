package com.bank.gdw.loader.run;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.unit.UnitResult;

import static org.assertj.core.api.Assertions.assertThat;

/** When a run stops after a unit, and how it ends, as pure functions of its units' results. */
class RunRulesTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);

    @Test
    void a_unit_that_did_not_succeed_stops_the_run_unless_the_stream_continues_on_failure() {
        UnitResult failed = result("BCFINSG_CA", UnitStatus.QUALITY_ISSUES, "too poor");

        assertThat(RunRules.stopAfter(failed, null, false, false))
                .contains("unit BCFINSG_CA ended QUALITY_ISSUES: too poor; the remaining units stay in landing");
        assertThat(RunRules.stopAfter(failed, null, true, false)).isEmpty();
    }

    @Test
    void loaded_and_skipped_units_let_the_run_go_on() {
        assertThat(RunRules.stopAfter(result("A", UnitStatus.COMPLETED, null), null, false, false)).isEmpty();
        assertThat(RunRules.stopAfter(result("A", UnitStatus.SKIPPED_DUPLICATE, "same"), null, false, false)).isEmpty();
    }

    @Test
    void the_units_own_reason_to_stop_comes_first_even_on_success_or_when_the_stream_continues() {
        UnitResult done = result("A", UnitStatus.COMPLETED, null);

        assertThat(RunRules.stopAfter(done, "the files of A could not be moved: disk full", true, true))
                .contains("the files of A could not be moved: disk full");
    }

    @Test
    void a_lease_the_heartbeat_found_lost_stops_the_run_after_the_unit() {
        assertThat(RunRules.stopAfter(result("A", UnitStatus.COMPLETED, null), null, true, true))
                .contains("the stream lease was lost to another instance");
    }

    @Test
    void a_run_without_ready_units_has_no_data() {
        RunVerdict v = RunRules.verdict(0, List.of(), null, null, "no ready unit for 2026-11-23 in landing");

        assertThat(v).isEqualTo(new RunVerdict(RunStatus.NO_DATA_AVAILABLE, "no ready unit for 2026-11-23 in landing"));
    }

    @Test
    void a_run_whose_units_all_succeeded_completes() {
        List<UnitResult> results = List.of(result("A", UnitStatus.COMPLETED, null), result("B", UnitStatus.SKIPPED_DUPLICATE, "same"));

        assertThat(RunRules.verdict(2, results, null, null, "none")).isEqualTo(new RunVerdict(RunStatus.COMPLETED, null));
    }

    @Test
    void a_run_with_failed_units_fails_listing_them() {
        List<UnitResult> results = List.of(result("A", UnitStatus.FAILED, "broken"), result("B", UnitStatus.COMPLETED, null),
                result("C", UnitStatus.CONTROL_MISMATCH, null));

        assertThat(RunRules.verdict(3, results, null, null, "none"))
                .isEqualTo(new RunVerdict(RunStatus.FAILED, "A FAILED: broken; C CONTROL_MISMATCH"));
    }

    @Test
    void a_stopped_run_fails_with_its_stop_reason_even_when_its_units_succeeded() {
        List<UnitResult> results = List.of(result("A", UnitStatus.FAILED, "broken"));

        assertThat(RunRules.verdict(2, results, "unit A ended FAILED", null, "none"))
                .isEqualTo(new RunVerdict(RunStatus.FAILED, "unit A ended FAILED"));
        assertThat(RunRules.verdict(1, List.of(result("A", UnitStatus.COMPLETED, null)), "lease lost", null, "none"))
                .isEqualTo(new RunVerdict(RunStatus.FAILED, "lease lost"));
    }

    @Test
    void an_error_that_broke_the_run_off_decides_over_everything() {
        assertThat(RunRules.verdict(0, List.of(), "stopped", "database gone", "none"))
                .isEqualTo(new RunVerdict(RunStatus.FAILED, "database gone"));
    }

    @Test
    void a_stream_activity_is_made_once_per_stream_code() {
        StreamActivities activities = new StreamActivities();

        activities.of("bcfinsg").runStarted(4);

        assertThat(activities.of("bcfinsg")).isSameAs(activities.of("bcfinsg"));
        assertThat(activities.of("bcfinsg").runId()).isEqualTo(4L);
        assertThat(activities.of("other").runId()).isNull();
    }

    private static UnitResult result(String unit, UnitStatus status, String error) {
        return new UnitResult(new LoadUnit(unit, DATE, Path.of(unit + ".DLY"), null), 1, status, UnitFigures.NONE, error, null);
    }
}
