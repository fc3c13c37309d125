package com.bank.gdw.loader.feed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.stream.QualityPolicy;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.RecordLines;

import static org.assertj.core.api.Assertions.assertThat;

/** The data-quality score of feed spec section 3 with BCFINSG's configured weights: each rule, its edges, the floor, bands. */
class QualityScorerTest {

    private static final StreamDefinition BCFINSG = new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"));
    private static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 2, 1);
    private static final String MARKER = "1111-11-11";

    private final RecordParser parser = new RecordParser(BCFINSG);
    private final QualityScorer scorer = new QualityScorer(BCFINSG, BUSINESS_DATE);

    /** Parses one record (its dates default to 2026-01-15) and scores it. */
    private int score(RecordLines record) {
        RecordBatch batch = new RecordBatch(BCFINSG.layout(), 1);
        byte[] b = record.line().getBytes(StandardCharsets.UTF_8);
        RecordParser.Outcome parsed = parser.parse(b, 0, b.length, batch);
        assertThat(parsed.accepted()).as("accepted").isTrue();
        return scorer.score(batch, 0, parsed.dateMarkers());
    }

    private static RecordLines record() {
        return RecordLines.record(BCFINSG, "4711");
    }

    @Test
    void a_clean_record_scores_100() {
        assertThat(score(record())).isEqualTo(100);
    }

    @Test
    void each_date_field_holding_the_marker_costs_10() {
        assertThat(score(record().with("DATE_MIGR", MARKER))).isEqualTo(90);
        assertThat(score(record().with("DATE_MIGR", MARKER).with("PLAN_DUE_DATE", MARKER).with("SCHE_PAYF_DATE", MARKER))).isEqualTo(70);
    }

    @Test
    void a_negative_minimum_payment_costs_10_and_zero_does_not() {
        assertThat(score(record().with("CURR_MIN_PAYT_DUE", "-0.01"))).isEqualTo(90);
        assertThat(score(record().with("CURR_MIN_PAYT_DUE", "0.00"))).isEqualTo(100);
        assertThat(score(record().with("CURR_MIN_PAYT_DUE", ""))).isEqualTo(100);
    }

    @Test
    void paid_off_before_the_first_transaction_costs_10_only_when_both_dates_are_present() {
        assertThat(score(record().with("DATE_PAID_OFF", "2026-01-14").with("DATE_FRST_TRAN", "2026-01-15"))).isEqualTo(90);
        assertThat(score(record().with("DATE_PAID_OFF", "2026-01-15").with("DATE_FRST_TRAN", "2026-01-15"))).isEqualTo(100);
        assertThat(score(record().with("DATE_PAID_OFF", "2026-01-14").with("DATE_FRST_TRAN", ""))).isEqualTo(100);
        assertThat(score(record().with("DATE_PAID_OFF", "").with("DATE_FRST_TRAN", "2026-01-15"))).isEqualTo(100);
    }

    @Test
    void a_last_payment_after_the_business_date_costs_10_and_on_it_does_not() {
        assertThat(score(record().with("DATE_LAST_PAYT", "2026-02-02"))).isEqualTo(90);
        assertThat(score(record().with("DATE_LAST_PAYT", "2026-02-01"))).isEqualTo(100);
    }

    @Test
    void deductions_add_up_and_the_score_never_goes_below_zero() {
        RecordLines all = record().with("CURR_MIN_PAYT_DUE", "-5").with("DATE_PAID_OFF", "2026-01-01")
                .with("DATE_LAST_PAYT", "2026-03-01");
        assertThat(score(all)).isEqualTo(70);
        for (String date : List.of("DATE_SPEC_TERM_END", "DATE_INT_DEFR_END", "DATE_PAYT_DEFR_END", "DATE_LAST_MNTN", "PLAN_DUE_DATE",
                "INT_FEE_END_DATE", "DATE_MIGR", "FRNT_LOAD_LAST_ISMT_DATE", "SCHE_PAYF_DATE", "ACTL_PAYF_DATE")) {
            all.with(date, MARKER);
        }
        assertThat(score(all)).isZero();
    }

    @Test
    void bands_are_high_from_85_medium_from_70_and_low_below_and_the_gate_is_70() {
        QualityPolicy q = BCFINSG.quality();
        assertThat(q.band(100)).isEqualTo(QualityPolicy.Band.HIGH);
        assertThat(q.band(85)).isEqualTo(QualityPolicy.Band.HIGH);
        assertThat(q.band(84.99)).isEqualTo(QualityPolicy.Band.MEDIUM);
        assertThat(q.band(70)).isEqualTo(QualityPolicy.Band.MEDIUM);
        assertThat(q.band(69.99)).isEqualTo(QualityPolicy.Band.LOW);
        assertThat(q.minimumAverage()).isEqualTo(70.0);
    }
}
