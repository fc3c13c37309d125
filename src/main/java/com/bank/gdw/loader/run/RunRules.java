package com.bank.gdw.loader.run;

import java.util.List;
import java.util.Optional;

import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.unit.UnitResult;

/** The rules of a run, as pure functions: whether it stops after a unit, and how it ends. */
public final class RunRules {

    static final String LEASE_LOST = "the stream lease was lost to another instance";

    private RunRules() {
    }

    /**
     * Whether the run stops after a unit, and why: the unit's own reason to stop the run first (lease lost, files that
     * could not be moved), then a unit that did not succeed unless the stream continues on failure, then a lease the
     * heartbeat found lost meanwhile.
     */
    public static Optional<String> stopAfter(UnitResult result, String unitStopsRun, boolean continueOnUnitFailure, boolean leaseLost) {
        if (unitStopsRun != null) {
            return Optional.of(unitStopsRun);
        }
        if (!result.status().isSuccess() && !continueOnUnitFailure) {
            return Optional.of("unit " + result.unit().unit() + " ended " + result.status()
                    + (result.error() != null ? ": " + result.error() : "") + "; the remaining units stay in landing");
        }
        return leaseLost ? Optional.of(LEASE_LOST) : Optional.empty();
    }

    /**
     * The run's final status: FAILED with the error that broke it off; NO_DATA_AVAILABLE without ready units;
     * COMPLETED when every unit succeeded and nothing stopped it; else FAILED with the stop reason or the failed units.
     *
     * @param error     the error the run broke off with, or null
     * @param noData    the message of a run without units
     */
    public static RunVerdict verdict(int unitsFound, List<UnitResult> results, String stopReason, String error, String noData) {
        if (error != null) {
            return new RunVerdict(RunStatus.FAILED, error);
        }
        if (unitsFound == 0) {
            return new RunVerdict(RunStatus.NO_DATA_AVAILABLE, noData);
        }
        List<String> failed = results.stream().filter(r -> !r.status().isSuccess())
                .map(r -> r.unit().unit() + " " + r.status() + (r.error() != null ? ": " + r.error() : "")).toList();
        if (failed.isEmpty() && stopReason == null) {
            return new RunVerdict(RunStatus.COMPLETED, null);
        }
        return new RunVerdict(RunStatus.FAILED, stopReason != null ? stopReason : String.join("; ", failed));
    }

    /** The unit's reason to stop the run when the stream lease was lost to another instance. */
    public static String leaseLost() {
        return LEASE_LOST;
    }
}
