package com.bank.gdw.loader.camel;

import com.bank.gdw.loader.unit.UnitResult;

/**
 * How a unit ended, for its run: the result, and the unit's own reason to stop the run (null when it has none).
 *
 * @param leaseLost the stream lease was lost to another instance on the way
 */
public record EndedUnit(UnitResult result, String stopsRun, boolean leaseLost) {

    static EndedUnit of(UnitResult result) {
        return new EndedUnit(result, null, false);
    }
}
