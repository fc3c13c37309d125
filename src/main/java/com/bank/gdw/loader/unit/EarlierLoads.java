package com.bank.gdw.loader.unit;

import java.util.List;

import com.bank.gdw.loader.dcf.UnitRecord;
import com.bank.gdw.loader.dcf.UnitStatus;

/**
 * The earlier process instances of a unit and date, oldest first, and what they mean for the next load: which one the
 * target holds, and whose rows the next load replaces.
 *
 * @param separateTarget the target is another database than the DCF tables: it commits first, so a process that did
 *                       not end COMPLETED may still have rows there (crash or failed DCF commit between the two)
 */
public record EarlierLoads(List<UnitRecord> loads, boolean separateTarget) {

    public static final EarlierLoads NONE = new EarlierLoads(List.of(), false);

    public EarlierLoads {
        loads = List.copyOf(loads);
    }

    /** The unit's latest COMPLETED load of the date, or null. */
    public UnitRecord latestCompleted() {
        UnitRecord latest = null;
        for (UnitRecord u : loads) {
            if (u.status() == UnitStatus.COMPLETED) {
                latest = u;
            }
        }
        return latest;
    }

    /**
     * True when, on a separate target, a process after the latest completed load ended FAILED or ABANDONED: its rows
     * may be in the target, so the latest completed load is no longer surely what the target holds.
     */
    public boolean leftoversAfterLatest() {
        UnitRecord latest = latestCompleted();
        return separateTarget && latest != null && loads.stream().anyMatch(u -> u.id() > latest.id()
                && (u.status() == UnitStatus.ABANDONED || u.status() == UnitStatus.FAILED));
    }

    /** The process instances whose rows the next load replaces: the completed ones, on a separate target all. */
    public List<Long> replaced() {
        return loads.stream().filter(u -> separateTarget || u.status() == UnitStatus.COMPLETED).map(UnitRecord::id).toList();
    }
}
