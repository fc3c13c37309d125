package com.bank.gdw.loader.dcf;

import java.math.BigDecimal;

/** The counts and quality figures recorded for a unit. */
public record UnitFigures(long inputRows, long rejectedRows, long duplicateRows, long rowsWritten,
                          double averageScore, int minScore, long highRows, long mediumRows, long lowRows,
                          BigDecimal controlAmount) {

    public static final UnitFigures NONE = new UnitFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    public long totalRejected() {
        return rejectedRows + duplicateRows;
    }
}
