package com.bank.gdw.loader.unit;

import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.stream.LoadUnit;

/** How a unit ended: its process instance, status, figures and, for a failure, why. */
public record UnitResult(LoadUnit unit, long processId, UnitStatus status, UnitFigures figures, String error, String sha256) {

    /** The file name the report lists. */
    public String fileName() {
        return unit.fileName();
    }
}
