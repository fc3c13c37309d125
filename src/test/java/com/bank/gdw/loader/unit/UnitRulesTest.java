package com.bank.gdw.loader.unit;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitRecord;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.feed.ControlLine;
import com.bank.gdw.loader.load.Reconciliation;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks of a unit as pure functions: each passes a good unit and ends a bad one with the status and message a run records. */
class UnitRulesTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String OTHER_SHA = "f".repeat(64);
    private static StreamDefinition stream;

    private final LoadUnit unit = new LoadUnit("BCFINSG_CA", DATE, Path.of("in/BCFINSG_CA_20261123.DLY"),
            Path.of("in/BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261123_I.txt.gz"));

    @BeforeAll
    static void stream() {
        stream = StreamCatalog.load(Path.of("config/streams"), UnaryOperator.identity()).get("bcfinsg");
    }

    @Test
    void a_trigger_without_its_load_file_fails_naming_the_file_it_expected() {
        LoadUnit alone = new LoadUnit("BCFINSG_CA", DATE, unit.triggerFile(), null);

        UnitOutcome o = UnitRules.loadFile(stream, alone).orElseThrow();

        assertThat(o.status()).isEqualTo(UnitStatus.FAILED);
        assertThat(o.message()).isEqualTo("load file missing: no BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261123_I.txt[.gz] for trigger "
                + "BCFINSG_CA_20261123.DLY");
        assertThat(UnitRules.loadFile(stream, unit)).isEmpty();
    }

    @Test
    void a_trigger_whose_load_file_name_holds_no_regular_file_fails_naming_what_is_there() {
        LoadUnit beside = new LoadUnit("BCFINSG_CA", DATE, unit.triggerFile(), null, null,
                "BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261123_I.txt.gz is a FIFO, not a regular file");

        UnitOutcome o = UnitRules.loadFile(stream, beside).orElseThrow();

        assertThat(o.status()).isEqualTo(UnitStatus.FAILED);
        assertThat(o.message()).isEqualTo("load file BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261123_I.txt.gz is a FIFO, not a regular file");
    }

    @Test
    void an_unreadable_control_line_is_a_control_mismatch_with_the_readers_words() {
        UnitOutcome o = UnitRules.controlLine(unit, new ControlLine.Reading(null, "line 1: not a control line")).orElseThrow();

        assertThat(o.status()).isEqualTo(UnitStatus.CONTROL_MISMATCH);
        assertThat(o.message()).isEqualTo("line 1: not a control line");
        assertThat(o.figures()).isEqualTo(UnitFigures.NONE);
    }

    @Test
    void a_control_date_other_than_the_file_names_is_a_control_mismatch() {
        ControlLine.Reading other = new ControlLine.Reading(new ControlLine(DATE.minusDays(1), 5), null);

        UnitOutcome o = UnitRules.controlLine(unit, other).orElseThrow();

        assertThat(o.status()).isEqualTo(UnitStatus.CONTROL_MISMATCH);
        assertThat(o.message()).isEqualTo("BCFINSG_CA_20261123.DLY line 1 column 2: control date 2026-11-22 differs from the file name date 2026-11-23");
    }

    @Test
    void a_matching_or_empty_control_line_passes() {
        assertThat(UnitRules.controlLine(unit, new ControlLine.Reading(new ControlLine(DATE, 5), null))).isEmpty();
        assertThat(UnitRules.controlLine(unit, new ControlLine.Reading(null, null))).isEmpty();
    }

    @Test
    void the_same_bytes_as_the_latest_completed_load_are_skipped_naming_that_load() {
        EarlierLoads earlier = new EarlierLoads(List.of(load(7, UnitStatus.COMPLETED, SHA)), false);

        UnitOutcome o = UnitRules.sameContent(SHA, "now.txt", earlier, false).orElseThrow();

        assertThat(o.status()).isEqualTo(UnitStatus.SKIPPED_DUPLICATE);
        assertThat(o.sha256()).isEqualTo(SHA);
        assertThat(o.message()).isEqualTo("now.txt: same content (SHA-256 0123456789ab...) as file7.txt, loaded by process instance 7");
    }

    @Test
    void only_the_latest_completed_load_counts_as_the_same_content() {
        // the bytes of an older load that a resend replaced are not what the target holds
        EarlierLoads earlier = new EarlierLoads(List.of(load(7, UnitStatus.COMPLETED, SHA), load(8, UnitStatus.FAILED, SHA),
                load(9, UnitStatus.COMPLETED, OTHER_SHA)), false);

        assertThat(UnitRules.sameContent(SHA, "now.txt", earlier, false)).isEmpty();
        assertThat(UnitRules.sameContent(OTHER_SHA, "now.txt", earlier, false)).isPresent();
        assertThat(UnitRules.sameContent(SHA, "now.txt", EarlierLoads.NONE, false)).isEmpty();
    }

    @Test
    void a_replay_loads_the_same_bytes_again() {
        EarlierLoads earlier = new EarlierLoads(List.of(load(7, UnitStatus.COMPLETED, SHA)), false);

        assertThat(UnitRules.sameContent(SHA, "now.txt", earlier, true)).isEmpty();
    }

    @Test
    void on_a_separate_target_a_failed_or_abandoned_load_after_the_latest_completed_one_forbids_the_skip() {
        List<UnitRecord> loads = List.of(load(7, UnitStatus.COMPLETED, SHA), load(8, UnitStatus.ABANDONED, SHA));

        assertThat(UnitRules.sameContent(SHA, "now.txt", new EarlierLoads(loads, true), false)).isEmpty();
        // on one database the abandoned load's rows rolled back with its DCF records
        assertThat(UnitRules.sameContent(SHA, "now.txt", new EarlierLoads(loads, false), false)).isPresent();
    }

    @Test
    void a_load_replaces_the_completed_loads_and_on_a_separate_target_every_earlier_one() {
        List<UnitRecord> loads = List.of(load(7, UnitStatus.COMPLETED, SHA), load(8, UnitStatus.FAILED, SHA),
                load(9, UnitStatus.ABANDONED, OTHER_SHA), load(10, UnitStatus.COMPLETED, OTHER_SHA));

        assertThat(new EarlierLoads(loads, false).replaced()).containsExactly(7L, 10L);
        assertThat(new EarlierLoads(loads, true).replaced()).containsExactly(7L, 8L, 9L, 10L);
        assertThat(new EarlierLoads(loads, true).latestCompleted().id()).isEqualTo(10);
        assertThat(new EarlierLoads(loads, true).leftoversAfterLatest()).isFalse();
    }

    @Test
    void a_control_count_other_than_the_records_read_is_a_control_mismatch_with_the_figures_read() {
        ControlLine.Reading control = new ControlLine.Reading(new ControlLine(DATE, 501), null);
        UnitFigures read = figures(500, 95.0);

        UnitOutcome o = UnitRules.afterRead(unit, control, read, 70.0, SHA).orElseThrow();

        assertThat(o.status()).isEqualTo(UnitStatus.CONTROL_MISMATCH);
        assertThat(o.figures()).isEqualTo(read);
        assertThat(o.message()).isEqualTo("BCFINSG_CA_20261123.DLY line 1 column 3: control count 501 differs from the 500 records in "
                + "BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261123_I.txt.gz");
    }

    @Test
    void an_average_quality_below_the_minimum_is_a_quality_issue_and_the_minimum_itself_passes() {
        ControlLine.Reading none = new ControlLine.Reading(null, null);

        UnitOutcome o = UnitRules.afterRead(unit, none, figures(10, 69.5), 70.0, SHA).orElseThrow();

        assertThat(o.status()).isEqualTo(UnitStatus.QUALITY_ISSUES);
        assertThat(o.message()).isEqualTo("BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261123_I.txt.gz: average data quality 69.5 is below the "
                + "minimum 70.0; nothing loaded");
        assertThat(UnitRules.afterRead(unit, none, figures(10, 70.0), 70.0, SHA)).isEmpty();
    }

    @Test
    void the_control_count_is_checked_before_the_quality() {
        ControlLine.Reading control = new ControlLine.Reading(new ControlLine(DATE, 9), null);

        assertThat(UnitRules.afterRead(unit, control, figures(10, 0), 70.0, SHA).orElseThrow().status())
                .isEqualTo(UnitStatus.CONTROL_MISMATCH);
    }

    @Test
    void a_target_holding_other_rows_or_amount_than_the_file_gave_fails_the_reconciliation() {
        UnitFigures read = figures(10, 90);

        assertThat(UnitRules.reconciliation(5, new Reconciliation(10, new BigDecimal("12.50")), 10, new BigDecimal("12.50"), read, SHA))
                .isEmpty();
        UnitOutcome o = UnitRules.reconciliation(5, new Reconciliation(9, new BigDecimal("12.50")), 10, new BigDecimal("12.50"), read, SHA)
                .orElseThrow();

        assertThat(o.status()).isEqualTo(UnitStatus.FAILED);
        assertThat(o.message()).isEqualTo("reconciliation failed: the target holds 9 rows, amount 12.50 for process instance 5; "
                + "the file gave 10 rows, amount 12.50");
        assertThat(UnitRules.reconciliation(5, new Reconciliation(10, new BigDecimal("12.49")), 10, new BigDecimal("12.50"), read, SHA))
                .isPresent();
    }

    private static UnitFigures figures(long rows, double average) {
        return new UnitFigures(rows, 0, 0, 0, average, 50, rows, 0, 0, BigDecimal.ZERO);
    }

    private static UnitRecord load(long id, UnitStatus status, String sha) {
        return new UnitRecord(id, 1, "BCFINSG_CA", DATE, "file" + id + ".txt", sha, LocalDateTime.of(2026, 11, 23, 1, 0),
                LocalDateTime.of(2026, 11, 23, 1, 5), status, UnitFigures.NONE, null);
    }
}
