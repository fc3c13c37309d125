package com.bank.gdw.loader.dcf;

import java.math.BigDecimal;

/** The counts and quality figures recorded for a unit. */
public record UnitFigures(long inputRows, long rejectedRows, long duplicateRows, long rowsWritten,
                          double averageScore, int minScore, long highRows, long mediumRows, long lowRows,
                          BigDecimal controlAmount) {

    public static final UnitFigures NONE = new UnitFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    /** A figure as reports, logs and messages show it: to two decimals. */
    public static double rounded(double v) {
        return Math.round(v * 100) / 100.0;
    }

    public long totalRejected() {
        return rejectedRows + duplicateRows;
    }
}
