package com.bank.gdw.loader.unit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.feed.RejectReason;
import com.bank.gdw.loader.load.Reconciliation;
import com.bank.gdw.loader.report.LoadReport;

/**
 * The statistics JSON of a unit's execution log row (PRCS_STATISTICS), the contract's keys in its order.
 *
 * @param warehouse the target as {@code <database kind>:<table>}
 */
public record UnitStatistics(String warehouse, LocalDate processingDate, String batchId) {

    /** The statistics every unit gets, whatever its outcome. */
    public String json(UnitFigures f, Duration took) {
        return LoadReport.toJson(common(f, took));
    }

    /** A completed load's: the common ones, then the rejects by reason and what the target reconciled to. */
    public String json(UnitFigures f, Duration took, Map<RejectReason, Long> rejectsByReason, Reconciliation rec, String amountColumn) {
        Map<String, Object> m = common(f, took);
        m.put("rejects_by_reason", rejectsByReason);
        m.put("reconciliation_rows", rec.rows());
        m.put("reconciliation_amount", rec.amount() == null ? BigDecimal.ZERO : rec.amount());
        m.put("control_amount_column", amountColumn);
        return LoadReport.toJson(m);
    }

    private Map<String, Object> common(UnitFigures f, Duration took) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records_processed", f.inputRows());
        m.put("records_loaded", f.rowsWritten());
        m.put("records_rejected", f.rejectedRows());
        m.put("records_duplicate", f.duplicateRows());
        m.put("quality_score_avg", UnitFigures.rounded(f.averageScore()));
        m.put("quality_score_min", f.minScore());
        m.put("load_duration_seconds", UnitFigures.rounded(took.toMillis() / 1000.0));
        m.put("warehouse_used", warehouse);
        m.put("processing_date", processingDate.toString());
        m.put("batch_id", batchId);
        return m;
    }
}
