package com.bank.gdw.loader.camel;

import java.time.LocalDate;
import java.util.List;

import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.unit.UnitResult;

/**
 * What a run request came to, including a refusal before any run existed; the command line maps it to an exit code.
 * {@code archivesFinished}: files of earlier runs' committed units that recovery archived as this run opened.
 */
public record RunOutcome(String stream, LocalDate businessDate, Long runId, RunStatus status, boolean refused,
                         String message, List<UnitResult> units, List<Recovery.Archived> archivesFinished) {

    public RunOutcome {
        units = List.copyOf(units);
        archivesFinished = List.copyOf(archivesFinished);
    }

    public RunOutcome(String stream, LocalDate businessDate, Long runId, RunStatus status, boolean refused, String message,
                      List<UnitResult> units) {
        this(stream, businessDate, runId, status, refused, message, units, List.of());
    }

    public static RunOutcome refused(String stream, LocalDate date, String message) {
        return new RunOutcome(stream, date, null, null, true, message, List.of());
    }

    /**
     * Exit codes of `run`: 0 completed, 1 failed, 3 no source data, 4 inactive or already running. A run that found no
     * source data but whose recovery finished archiving a unit of its date (the loader was killed during that unit's
     * archive) ends 0: the date's data was loaded, and 3 would tell the scheduler it never arrived.
     */
    public int exitCode() {
        if (refused) {
            return 4;
        }
        return switch (status) {
            case COMPLETED -> 0;
            case NO_DATA_AVAILABLE -> finishedArchiveOfItsDate() ? 0 : 3;
            default -> 1;
        };
    }

    /** Whether recovery archived, as this run opened, files of a unit of the run's business date. */
    public boolean finishedArchiveOfItsDate() {
        return archivesFinished.stream().anyMatch(a -> a.businessDate().equals(businessDate));
    }
}
