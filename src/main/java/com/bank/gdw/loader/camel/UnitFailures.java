package com.bank.gdw.loader.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.dcf.LeaseLostException;
import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitLedger;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.error.ErrorLine;
import com.bank.gdw.loader.run.RunRules;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.unit.FailureKind;
import com.bank.gdw.loader.unit.UnitFailure;
import com.bank.gdw.loader.unit.UnitOutcome;
import com.bank.gdw.loader.unit.UnitResult;

/**
 * The unit route's doCatch (routes/stream-routes.yaml), by how far the unit got. A problem with the
 * file sends its files to the error directory; a problem of the infrastructure (database, disk) returns them from
 * inprocess to landing for the next run, unless it failed the unit {@code loader.unit.max-attempts} times on the same
 * bytes (UnitFailure decides). A lost stream lease records nothing and stops the run: the lease's next holder puts
 * right what this instance left. A failure after the outcome committed (moving the files) stops the run: the moves
 * stay written down and recovery finishes them.
 */
public final class UnitFailures {

    private static final Logger LOG = LoggerFactory.getLogger(UnitFailures.class);

    private final UnitLedger ledger;
    private final UnitArchive archive;
    private final DatabaseKind targetKind;
    private final int maxAttempts;

    public UnitFailures(UnitLedger ledger, UnitArchive archive, DatabaseKind targetKind, int maxAttempts) {
        this.ledger = ledger;
        this.archive = archive;
        this.targetKind = targetKind;
        this.maxAttempts = maxAttempts;
    }

    /** The unit broke off before it had a process instance. */
    public EndedUnit notStarted(StreamRun run, LoadUnit unit, Exception error) {
        String message = UnitFailure.of(error, unit.fileName()).message();
        UnitResult result = new UnitResult(unit, 0, UnitStatus.FAILED, UnitFigures.NONE, message, null);
        if (LeaseLostException.isCause(error)) {
            LOG.error("{}: stopped, the stream lease was lost: {}", unit.fileName(), message);
            return archive.end(run, null, result, RunRules.leaseLost(), true, false);
        }
        LOG.error("{}: could not start: {}", unit, message, error);
        return archive.end(run, null, result, null, false, false);
    }

    /** The unit broke off while claiming its files: it failed with what it claimed (nothing). */
    public EndedUnit claimFailed(StartedUnit started, Exception error) {
        return failed(ClaimedUnit.unclaimed(started), UnitFailure.of(error, started.landed().fileName()).unclaimed(), error);
    }

    /** The unit broke off after the claim, before its outcome was recorded: it is recorded FAILED now. */
    public EndedUnit failed(ClaimedUnit c, Exception error) {
        return failed(c, UnitFailure.of(error, c.unit().fileName()), error);
    }

    private EndedUnit failed(ClaimedUnit c, UnitFailure failure, Exception error) {
        if (LeaseLostException.isCause(error)) {
            LOG.error("{}: stopped, the stream lease was lost: {}", c.unit().fileName(), failure.message());
            return archive.end(c.run(), c.started().started(), c.result(failed(failure.message(), null)), RunRules.leaseLost(), true, false);
        }
        String sha = c.loadSha256OrNull();
        if (failure.kind() == FailureKind.FILE) {
            // the file's problem: the one line names file, line and column; a stack trace would only bury it
            LOG.error("{}: FAILED: {}", c.unit().fileName(), failure.message());
        } else {
            LOG.error("{}: FAILED: {}", c.unit().fileName(), failure.message(), error);
        }
        UnitFailure recorded = failure;
        List<FileMoves.Move> moves = List.of();
        try {
            if (failure.kind() == FailureKind.INFRASTRUCTURE && sha != null && !c.claims().isEmpty()) {
                // this failure included: the same unit, date and bytes failed this often
                recorded = failure.afterAttempts(1 + ledger.failedAttempts(c.run().stream(), c.unit(), sha), maxAttempts);
            }
            UnitOutcome o = failed(recorded.message(), sha);
            moves = ledger.record(c.ending(o, c.started().started(), c.statistics(targetKind).json(UnitFigures.NONE,
                    Duration.between(c.started().started(), Instant.now())), o.message(), null,
                    recorded.kind() == FailureKind.FILE));
        } catch (LeaseLostException e) {
            LOG.error("the failure of process instance {} is not recorded: {}", c.processId(), e.getMessage());
            return archive.end(c.run(), c.started().started(), c.result(failed(recorded.message(), sha)), RunRules.leaseLost(), true, false);
        } catch (RuntimeException e) {
            LOG.error("cannot record the failure of process instance {} ({}); recovery will mark it ABANDONED", c.processId(), ErrorLine.of(e));
        }
        if (!recorded.message().equals(failure.message())) {
            LOG.error("{}: {}", c.unit().fileName(), recorded.message());
        }
        if (recorded.kind() != FailureKind.FILE) {
            ledger.returnToLanding(c.claims().values());
        }
        RecordedUnit r = new RecordedUnit(c, c.result(failed(recorded.message(), sha)), moves);
        try {
            return archive.archive(r);
        } catch (RuntimeException e) {
            return movesFailed(r, e);
        }
    }

    /**
     * The unit's outcome is recorded but its files could not be moved: the run stops, the next run, or the
     * sweep of a serve (IdleRecovery), retries the moves.
     * The listeners are not told: the unit is not over until its files are where its outcome put them.
     */
    public EndedUnit movesFailed(RecordedUnit r, Exception error) {
        ClaimedUnit c = r.claimed();
        String message = UnitFailure.of(error, c.unit().fileName()).message();
        if (LeaseLostException.isCause(error)) {
            LOG.error("{}: stopped, the stream lease was lost: {}", c.unit().fileName(), message);
            return archive.end(c.run(), c.started().started(), r.result(), RunRules.leaseLost(), true, false);
        }
        LOG.error("{}: {} but its files could not be moved: {}; the moves are retried by the next run or sweep", c.unit().fileName(),
                r.result().status(), message, error);
        return archive.end(c.run(), c.started().started(), r.result(), "the files of " + c.unit().unit() + " could not be moved: "
                + message, false, false);
    }

    private static UnitOutcome failed(String message, String sha) {
        return new UnitOutcome(UnitStatus.FAILED, UnitFigures.NONE, sha, message);
    }
}
