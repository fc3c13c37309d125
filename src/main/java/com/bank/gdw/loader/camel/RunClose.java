package com.bank.gdw.loader.camel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.bank.gdw.loader.dcf.LeaseKeeper;
import com.bank.gdw.loader.dcf.LeaseLostException;
import com.bank.gdw.loader.dcf.RunLedger;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.error.ErrorLine;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.report.RunSummary;
import com.bank.gdw.loader.run.RunVerdict;
import com.bank.gdw.loader.run.StreamActivities;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * JobOccrEndOK / JobOccrEndNOK, Send_Report: the run closed with the verdict of RunRules; and the end of a request
 * that was refused or broke off.
 */
public final class RunClose {

    private static final Logger LOG = LoggerFactory.getLogger(RunClose.class);

    private final RunLedger ledger;
    private final RunReport report;
    private final LeaseKeeper keeper;
    private final StreamActivities activities;
    private final RunListener listener;
    private final Checkpoint checkpoint;

    public RunClose(RunLedger ledger, RunReport report, LeaseKeeper keeper, StreamActivities activities, RunListener listener,
                    Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.ledger = ledger;
        this.report = report;
        this.keeper = keeper;
        this.activities = activities;
        this.listener = listener;
    }

    /** Final status and the notification in one transaction; the lease is released. */
    public RunOutcome close(StreamRun run) {
        return close(run, null);
    }

    /** A refused run: nothing was opened; the refusal is already in the execution log. */
    public RunOutcome refused(StreamDefinition stream, RunRequest request, Exception refusal) {
        RunOutcome outcome = RunOutcome.refused(stream.name(), request.businessDate(), refusal.getMessage());
        listener.runEnded(stream, outcome, null);
        return outcome;
    }

    /** A run that broke off with an unexpected error (or could not even open), said in one line that names the cause. */
    public RunOutcome abort(StreamRun run, StreamDefinition stream, Object request, Exception error) {
        String message = ErrorLine.of(error);
        LOG.error("run {} failed: {}", run == null ? "(not opened)" : run.id(), message, error);
        if (run == null) {
            LocalDate date = request instanceof RunRequest r ? r.businessDate() : null;
            RunOutcome outcome = new RunOutcome(stream == null ? null : stream.name(), date, null, RunStatus.FAILED, false, message, List.of());
            if (stream != null) {
                listener.runEnded(stream, outcome, null);
            }
            return outcome;
        }
        try {
            report.report(run, run.verdict(message));
            return close(run, message);
        } catch (RuntimeException e) {
            LOG.error("cannot close run {} ({}); recovery will mark it ABANDONED", run.id(), ErrorLine.of(e));
            keeper.stop(stream.id());
            RunOutcome outcome = new RunOutcome(stream.name(), run.businessDate(), run.id(), RunStatus.FAILED, false, message, run.results(),
                    run.archivesFinished());
            listener.runEnded(stream, outcome, Duration.between(run.started(), Instant.now()));
            return outcome;
        }
    }

    private RunOutcome close(StreamRun run, String error) {
        StreamDefinition stream = run.stream();
        RunVerdict v = run.verdict(error);
        RunSummary summary = run.summary() != null ? run.summary() : report.report(run, v);
        int loaded = (int) run.results().stream().filter(r -> r.status() == UnitStatus.COMPLETED).count();
        checkpoint.reach("before-close");
        // no heartbeat may write the lease row while the closing transaction releases it
        keeper.stop(stream.id());
        try {
            ledger.close(stream, run.id(), run.businessDate(), v.status(), v.message(), run.units().size(), loaded,
                    LoadReport.toJson(summary), summary.reportFile());
        } catch (LeaseLostException e) {
            // the lease's new holder ended this run (ABANDONED, with its notification): no status, no mail from here
            LOG.error("run {} of {} for {} is not closed by this instance: {}", run.id(), stream.name(), run.businessDate(), e.getMessage());
            forget(run, RunStatus.FAILED);
            // listeners hear of closed runs only (RunListener): no metrics, no lineage event for a run not closed here
            return new RunOutcome(stream.name(), run.businessDate(), run.id(), RunStatus.FAILED, false,
                    "the stream lease was lost to another instance: " + e.getMessage(), run.results(), run.archivesFinished());
        }
        LOG.info("run {} of {} for {} ended {}{}", run.id(), stream.name(), run.businessDate(), v.status(),
                v.message() != null ? ": " + v.message() : "");
        forget(run, v.status());
        RunOutcome outcome = new RunOutcome(stream.name(), run.businessDate(), run.id(), v.status(), false, v.message(), run.results(),
                run.archivesFinished());
        listener.runEnded(stream, outcome, Duration.between(run.started(), Instant.now()));
        return outcome;
    }

    /** The stream's activity records the run's end; pooled threads (seda, the command's thread) must not name it on. */
    private void forget(StreamRun run, RunStatus status) {
        activities.of(run.stream()).runEnded(run.id(), status.name());
        MDC.remove("run");
        MDC.remove("stream");
    }
}
