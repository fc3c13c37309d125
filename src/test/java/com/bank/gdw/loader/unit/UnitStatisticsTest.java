package com.bank.gdw.loader.unit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.feed.RejectReason;
import com.bank.gdw.loader.load.Reconciliation;
import com.bank.gdw.loader.report.LoadReport;

import static org.assertj.core.api.Assertions.assertThat;

/** The execution log's statistics of a unit: the contract's keys in its order, figures to two decimals. */
class UnitStatisticsTest {

    private final UnitStatistics statistics = new UnitStatistics("duckdb:PLAN_BALN_SEGM_MSTR", LocalDate.of(2026, 11, 23), "b-1");

    @Test
    void every_unit_gets_the_contracts_keys_in_order() throws Exception {
        UnitFigures f = new UnitFigures(10, 2, 1, 7, 91.23456, 40, 5, 3, 2, BigDecimal.TEN);

        JsonNode json = LoadReport.JSON.readTree(statistics.json(f, Duration.ofMillis(1234)));

        assertThat(names(json)).containsExactly("records_processed", "records_loaded", "records_rejected", "records_duplicate",
                "quality_score_avg", "quality_score_min", "load_duration_seconds", "warehouse_used", "processing_date", "batch_id");
        assertThat(json.get("records_processed").asLong()).isEqualTo(10);
        assertThat(json.get("records_loaded").asLong()).isEqualTo(7);
        assertThat(json.get("records_rejected").asLong()).isEqualTo(2);
        assertThat(json.get("records_duplicate").asLong()).isEqualTo(1);
        assertThat(json.get("quality_score_avg").asDouble()).isEqualTo(91.23);
        assertThat(json.get("load_duration_seconds").asDouble()).isEqualTo(1.23);
        assertThat(json.get("warehouse_used").asText()).isEqualTo("duckdb:PLAN_BALN_SEGM_MSTR");
        assertThat(json.get("processing_date").asText()).isEqualTo("2026-11-23");
    }

    @Test
    void a_completed_load_adds_its_rejects_by_reason_and_what_the_target_reconciled_to() throws Exception {
        JsonNode json = LoadReport.JSON.readTree(statistics.json(UnitFigures.NONE, Duration.ZERO, Map.of(RejectReason.FIELD_COUNT, 2L),
                new Reconciliation(7, null), "ORIG_BALN"));

        assertThat(names(json)).endsWith("batch_id", "rejects_by_reason", "reconciliation_rows", "reconciliation_amount",
                "control_amount_column");
        assertThat(json.get("rejects_by_reason").get("FIELD_COUNT").asLong()).isEqualTo(2);
        assertThat(json.get("reconciliation_rows").asLong()).isEqualTo(7);
        assertThat(json.get("reconciliation_amount").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(json.get("control_amount_column").asText()).isEqualTo("ORIG_BALN");
    }

    private static List<String> names(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
