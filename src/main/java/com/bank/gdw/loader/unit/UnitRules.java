package com.bank.gdw.loader.unit;

import java.math.BigDecimal;
import java.util.Optional;

import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitRecord;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.feed.ControlLine;
import com.bank.gdw.loader.feed.FeedStatistics;
import com.bank.gdw.loader.load.Reconciliation;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.QualityPolicy;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The checks of a unit, in the order a load makes them, each a pure function from what was read to a verdict: empty
 * when the unit passes, else the outcome it ends with. The run's load (camel/UnitLoad) and validate (UnitCheck) both
 * decide through these, so validate's verdict is the run's.
 */
public final class UnitRules {

    private UnitRules() {
    }

    /** First: the trigger came with its load file, a regular file, and with one only. */
    public static Optional<UnitOutcome> loadFile(StreamDefinition s, LoadUnit unit) {
        if (unit.otherLoadFile() != null) {
            return ended(UnitStatus.FAILED, UnitFigures.NONE, null, "two load files for trigger " + unit.triggerFile().getFileName()
                    + ": " + unit.loadFile().getFileName() + " and " + unit.otherLoadFile().getFileName() + "; resend the unit with one");
        }
        if (unit.hasLoadFile()) {
            return Optional.empty();
        }
        if (unit.notRegularLoadFile() != null) {
            return ended(UnitStatus.FAILED, UnitFigures.NONE, null, "load file " + unit.notRegularLoadFile());
        }
        return ended(UnitStatus.FAILED, UnitFigures.NONE, null, "load file missing: no "
                + s.files().loadName(unit.unit(), unit.businessDate(), false) + "[.gz] for trigger " + unit.triggerFile().getFileName());
    }

    /** Before the load file is read: the trigger's control line is readable and names the file name's date. */
    public static Optional<UnitOutcome> controlLine(LoadUnit unit, ControlLine.Reading control) {
        if (control.problem() != null) {
            return ended(UnitStatus.CONTROL_MISMATCH, UnitFigures.NONE, null, control.problem());
        }
        if (control.control() != null && !control.control().date().equals(unit.businessDate())) {
            return ended(UnitStatus.CONTROL_MISMATCH, UnitFigures.NONE, null, unit.triggerFile().getFileName()
                    + " line 1 column 2: control date " + control.control().date() + " differs from the file name date " + unit.businessDate());
        }
        return Optional.empty();
    }

    /**
     * The same-content skip: only the unit's latest load of the date counts (the same bytes for another date carry
     * other rows, and content a later resend replaced is not in the target); not after leftovers on a separate target,
     * and never for a replay, which asks for the bytes to be loaded again.
     */
    public static Optional<UnitOutcome> sameContent(String sha256, String fileName, EarlierLoads earlier, boolean replay) {
        UnitRecord latest = earlier.latestCompleted();
        if (latest == null || !sha256.equals(latest.sha256()) || earlier.leftoversAfterLatest() || replay) {
            return Optional.empty();
        }
        return ended(UnitStatus.SKIPPED_DUPLICATE, UnitFigures.NONE, sha256, fileName + ": same content (SHA-256 "
                + sha256.substring(0, 12) + "...) as " + latest.fileName() + ", loaded by process instance " + latest.id());
    }

    /**
     * After the file was read: the control count matches the records read, and the average quality reaches the
     * stream's minimum. {@code read} are the figures of the file with nothing written.
     */
    public static Optional<UnitOutcome> afterRead(LoadUnit unit, ControlLine.Reading control, UnitFigures read, double minimumAverage,
                                                  String sha256) {
        String file = unit.loadFile().getFileName().toString();
        if (control.control() != null && control.control().count() != read.inputRows()) {
            return ended(UnitStatus.CONTROL_MISMATCH, read, sha256, unit.triggerFile().getFileName() + " line 1 column 3: control count "
                    + control.control().count() + " differs from the " + read.inputRows() + " records in " + file);
        }
        if (read.averageScore() < minimumAverage) {
            return ended(UnitStatus.QUALITY_ISSUES, read, sha256, file + ": average data quality " + UnitFigures.rounded(read.averageScore())
                    + " is below the minimum " + minimumAverage + "; nothing loaded");
        }
        return Optional.empty();
    }

    /** After the write: the target holds for the process instance exactly the rows and amount the file gave. */
    public static Optional<UnitOutcome> reconciliation(long processId, Reconciliation rec, long rowsAccepted, BigDecimal amount,
                                                       UnitFigures read, String sha256) {
        if (rec.matches(rowsAccepted, amount)) {
            return Optional.empty();
        }
        return ended(UnitStatus.FAILED, read, sha256, "reconciliation failed: the target holds " + rec.rows() + " rows, amount "
                + rec.amount() + " for process instance " + processId + "; the file gave " + rowsAccepted + " rows, amount " + amount);
    }

    /** The unit's figures from the file's statistics and the rows written. */
    public static UnitFigures figures(FeedStatistics st, long written) {
        return new UnitFigures(st.inputRows(), st.rejectedRows(), st.duplicates(), written, st.averageScore(), st.minScore(),
                st.band(QualityPolicy.Band.HIGH), st.band(QualityPolicy.Band.MEDIUM), st.band(QualityPolicy.Band.LOW), st.amountSum());
    }

    private static Optional<UnitOutcome> ended(UnitStatus status, UnitFigures figures, String sha256, String message) {
        return Optional.of(new UnitOutcome(status, figures, sha256, message));
    }
}
