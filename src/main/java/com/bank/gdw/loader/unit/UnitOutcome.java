package com.bank.gdw.loader.unit;

import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitStatus;

/** What a unit's checks came to: its final status, its figures, the bytes it judged and, unless it loaded, why. */
public record UnitOutcome(UnitStatus status, UnitFigures figures, String sha256, String message) {

    public boolean isCompleted() {
        return status == UnitStatus.COMPLETED;
    }
}
