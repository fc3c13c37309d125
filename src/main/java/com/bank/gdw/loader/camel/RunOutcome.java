package com.bank.gdw.loader.camel;

import java.time.LocalDate;
import java.util.List;

import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.unit.UnitResult;

/** What a run request came to, including a refusal before any run existed; the command line maps it to an exit code. */
public record RunOutcome(String stream, LocalDate businessDate, Long runId, RunStatus status, boolean refused,
                         String message, List<UnitResult> units) {

    public static RunOutcome refused(String stream, LocalDate date, String message) {
        return new RunOutcome(stream, date, null, null, true, message, List.of());
    }

    /** Exit codes of `run`: 0 completed, 1 failed, 3 no source data, 4 inactive or already running. */
    public int exitCode() {
        if (refused) {
            return 4;
        }
        return switch (status) {
            case COMPLETED -> 0;
            case NO_DATA_AVAILABLE -> 3;
            default -> 1;
        };
    }
}
