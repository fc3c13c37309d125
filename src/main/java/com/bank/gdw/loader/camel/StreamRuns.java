package com.bank.gdw.loader.camel;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.ExecLog;
import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.dcf.LeaseKeeper;
import com.bank.gdw.loader.dcf.LeaseLostException;
import com.bank.gdw.loader.dcf.Outbox;
import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.dcf.StreamLease;
import com.bank.gdw.loader.dcf.StreamRegistry;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.report.RunSummary;
import com.bank.gdw.loader.stream.FileSettling;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.StreamActivity;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.UnitDiscovery;

/**
 * The run of a stream for one business date, step by step as the run route calls them: open (JobOccrStart, the
 * ACTIVE and concurrency checks), discover (GetFileList), after each unit, close (report, JobOccrEndOK/NOK, notify).
 */
public final class StreamRuns {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRuns.class);
    static final String CONCURRENT = "Concurrent execution detected - stream already running";
    static final String INACTIVE = "Stream is not in active status";

    private final ControlTables dcf;
    private final Recovery recovery;
    private final LeaseKeeper keeper;
    private final LoadReport report;
    private final FileSettling settling;
    private final Path landing;
    private final Map<String, StreamActivity> activity;
    private final Runnable ensureReady;
    private final RunListener listener;
    private final Checkpoint checkpoint;

    public StreamRuns(ControlTables dcf, LeaseKeeper keeper, LoadReport report, FileSettling settling,
                      Path landing, Path error, Map<String, StreamActivity> activity, Runnable ensureReady,
                      RunListener listener, Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.ensureReady = ensureReady;
        this.listener = listener;
        this.dcf = dcf;
        this.recovery = new Recovery(dcf, error);
        this.keeper = keeper;
        this.report = report;
        this.settling = settling;
        this.landing = landing;
        this.activity = activity;
    }

    /** Opens a run, or refuses it (RunRefusedException) when the stream is inactive or already running. */
    public StreamRun open(StreamDefinition stream, RunRequest request) {
        LocalDate date = request.businessDate();
        TriggerType trigger = request.trigger();
        String batchId = request.batchId();
        MDC.put("stream", stream.code());
        ensureReady.run();
        String status = dcf.jdbi().withHandle(h -> dcf.streams().status(h, stream.id())).orElse(StreamRegistry.INACTIVE);
        if (!StreamRegistry.ACTIVE.equals(status)) {
            throw refuse(stream, trigger, INACTIVE + " (" + stream.name() + " is " + status + ")");
        }
        if ((trigger == TriggerType.FILE || trigger == TriggerType.SCHEDULE)
                && new UnitDiscovery(stream, landing).list().unitsOf(date).isEmpty()) {
            // the request was queued while another run (perhaps on another instance) took the files
            throw refuse(stream, trigger, "no unit of " + date + " left in " + landing);
        }
        if (!acquire(stream)) {
            String holder = dcf.jdbi().withHandle(h -> dcf.lease().holder(h, stream.id()))
                    .map(StreamRuns::describe).orElse("another run");
            throw refuse(stream, trigger, CONCURRENT + " (" + holder + ")");
        }
        try {
            recovery.recover(stream);
            String batch = batchId != null && !batchId.isBlank() ? batchId
                    : date.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + System.currentTimeMillis();
            long id = dcf.jdbi().inTransaction(h -> {
                dcf.lease().fence(h, stream.id());
                long runId = dcf.runs().open(h, stream.id(), stream.name(), date, batch, trigger);
                dcf.lease().attachRun(h, stream.id(), runId);
                return runId;
            });
            StreamRun run = new StreamRun(stream, id, date, batch, trigger);
            MDC.put("run", String.valueOf(id));
            keeper.keep(stream.id(), run::loseLease);
            activity(stream).runStarted(id);
            LOG.info("run {} of {} for {} opened (trigger {}, batch {})", id, stream.name(), date, trigger, batch);
            checkpoint.reach("run-opened");
            return run;
        } catch (RuntimeException e) {
            dcf.jdbi().useTransaction(h -> dcf.lease().release(h, stream.id()));
            throw e;
        }
    }

    /**
     * At start: when no live instance holds the stream's lease, takes it briefly and puts right what a dead instance
     * left (RUNNING rows become ABANDONED, written-down file moves are finished), so the DCF tables tell the truth
     * before the next run.
     */
    public void recoverIfFree(StreamDefinition stream) {
        if (!acquire(stream)) {
            return;
        }
        try {
            recovery.recover(stream);
        } finally {
            dcf.jdbi().useTransaction(h -> dcf.lease().release(h, stream.id()));
        }
    }

    /** Takes the lease; a write conflict with a racing run (DuckDB reports one instead of waiting) means it lost. */
    private boolean acquire(StreamDefinition stream) {
        // a lease this instance holds while none of its runs keeps it is left over from a run that broke off
        // without closing (the database went away): it is ours to take back
        boolean reclaim = !keeper.keeps(stream.id());
        try {
            return dcf.jdbi().inTransaction(h -> dcf.lease().tryAcquire(h, stream.id(), reclaim));
        } catch (RuntimeException e) {
            if (dcf.jdbi().withHandle(h -> dcf.lease().holder(h, stream.id())).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    private static String describe(StreamLease.Holder h) {
        return "held by " + h.ownerId() + (h.runId() != null ? " for run " + h.runId() : "") + " until " + h.expires() + " UTC";
    }

    /**
     * A refused request of a person (command line, JMX) is a warning in the log and the execution log; a refused
     * file drop or sweep is routine where several instances share a stream (the lease holder loads the files), so it
     * is only noted.
     */
    private RunRefusedException refuse(StreamDefinition stream, TriggerType trigger, String message) {
        if (trigger == TriggerType.FILE || trigger == TriggerType.SCHEDULE) {
            LOG.info("{}: {} request not run: {}", stream.name(), trigger, message);
        } else {
            LOG.warn("{}: run refused: {}", stream.name(), message);
            dcf.jdbi().useTransaction(h -> dcf.log().write(h, ExecLog.Entry.stream(stream.id(), stream.name(), null,
                    ExecLog.Level.WARN, message, null)));
        }
        return new RunRefusedException(message);
    }

    /** The ready units of the run's date, in order; files that must never be loaded are reported once. */
    public List<LoadUnit> discover(StreamRun run) throws InterruptedException {
        StreamDefinition stream = run.stream();
        UnitDiscovery.Listing listing = new UnitDiscovery(stream, landing).list();
        reportBadFiles(stream, run.id(), listing.badFiles());
        List<LoadUnit> ready = new ArrayList<>();
        for (LoadUnit u : listing.unitsOf(run.businessDate())) {
            List<Path> files = u.hasLoadFile() ? List.of(u.triggerFile(), u.loadFile()) : List.of(u.triggerFile());
            if (settling.awaitSettled(files)) {
                ready.add(u);
            } else {
                LOG.warn("{}: {} is still being written; left for the next run", stream.name(), u.fileName());
            }
        }
        run.units(ready);
        LOG.info("{} unit(s) of {} ready: {}", ready.size(), run.businessDate(), ready.stream().map(LoadUnit::unit).toList());
        return ready;
    }

    private void reportBadFiles(StreamDefinition stream, Long runId, Map<Path, String> bad) {
        bad.forEach((file, reason) -> {
            String name = file.getFileName().toString();
            boolean fresh = dcf.jdbi().inTransaction(h -> {
                if (dcf.log().warned(h, stream.id(), name)) {
                    return false;
                }
                dcf.log().write(h, ExecLog.Entry.stream(stream.id(), stream.name(), runId, ExecLog.Level.WARN,
                        name + ": never loaded: " + reason + "; left in " + landing, name));
                return true;
            });
            if (fresh) {
                LOG.warn("{}: never loaded: {}; left in the landing directory", name, reason);
            }
        });
    }

    /** After each unit: a unit that did not succeed stops the run unless the stream continues on failure. */
    public void afterUnit(StreamRun run, UnitWork work) {
        UnitResult result = work.result();
        run.add(result);
        if (run.stopReason() != null) {
            LOG.warn("run {} stops: {}", run.id(), run.stopReason());
        } else if (!result.status().isSuccess() && !run.stream().continueOnUnitFailure()) {
            run.stop("unit " + result.unit().unit() + " ended " + result.status() + (result.error() != null ? ": " + result.error() : "")
                    + "; the remaining units stay in landing");
            LOG.warn("run {} stops: {}", run.id(), run.stopReason());
        } else if (run.leaseLost()) {
            run.stop("the stream lease was lost to another instance");
        }
        checkpoint.reach("between-units");
    }

    /** Header_File / Concat_File: the CSV and JSON reports of the run as it stands. */
    public RunSummary report(StreamRun run) {
        return report(run, null);
    }

    private RunSummary report(StreamRun run, String error) {
        checkpoint.reach("before-report");
        Verdict v = verdict(run, error);
        List<UnitResult> results = run.results();
        LoadReport.Run r = new LoadReport.Run(run.stream(), run.id(), run.businessDate(), run.batchId(), v.status().name(),
                run.trigger().name(), run.units().size(), run.started(), Instant.now(),
                results.stream().map(u -> new LoadReport.Unit(u.fileName(), u.unit().unit(), u.processId(), u.status().name(),
                        u.figures(), u.error())).toList(), v.message());
        RunSummary summary = report.summarize(r);
        if (v.status() != RunStatus.NO_DATA_AVAILABLE) {
            try {
                // written while the lease row is held (where rows are locked), so only the lease's holder writes reports
                dcf.jdbi().useTransaction(h -> {
                    dcf.lease().fence(h, run.stream().id());
                    report.write(r, summary);
                    report.writeRejects(h, r, id -> FileMoves.loadFileOf(h, id));
                });
            } catch (LeaseLostException e) {
                run.loseLease();
                LOG.error("the load report is not written: {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("cannot write the load report: {}", e.getMessage());
            }
        }
        run.summary(summary);
        return summary;
    }

    /** JobOccrEndOK / JobOccrEndNOK: final status and the notification in one transaction; the lease is released. */
    public RunOutcome close(StreamRun run) {
        return close(run, null);
    }

    /** A refused run: nothing was opened; the refusal is already in the execution log. */
    public RunOutcome refused(StreamDefinition stream, RunRequest request, Exception refusal) {
        RunOutcome outcome = RunOutcome.refused(stream.name(), request.businessDate(), refusal.getMessage());
        listener.runEnded(stream, outcome, null);
        return outcome;
    }

    /** A run that broke off with an unexpected error (or could not even open). */
    public RunOutcome abort(StreamRun run, StreamDefinition stream, Object request, Exception error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        LOG.error("run {} failed: {}", run == null ? "(not opened)" : run.id(), message, error);
        if (run == null) {
            LocalDate date = request instanceof RunRequest r ? r.businessDate() : null;
            RunOutcome outcome = new RunOutcome(stream == null ? null : stream.name(), date, null, RunStatus.FAILED, false, message,
                    List.of());
            if (stream != null) {
                listener.runEnded(stream, outcome, null);
            }
            return outcome;
        }
        try {
            report(run, message);
            return close(run, message);
        } catch (RuntimeException e) {
            LOG.error("cannot close run {} ({}); recovery will mark it ABANDONED", run.id(), e.getMessage());
            keeper.stop(stream.id());
            RunOutcome outcome = new RunOutcome(stream.name(), run.businessDate(), run.id(), RunStatus.FAILED, false, message,
                    run.results());
            listener.runEnded(stream, outcome, Duration.between(run.started(), Instant.now()));
            return outcome;
        }
    }

    private record Verdict(RunStatus status, String message) { }

    private Verdict verdict(StreamRun run, String error) {
        List<UnitResult> results = run.results();
        if (error != null) {
            return new Verdict(RunStatus.FAILED, error);
        }
        if (run.units().isEmpty()) {
            return new Verdict(RunStatus.NO_DATA_AVAILABLE, "no ready unit for " + run.businessDate() + " in " + landing);
        }
        List<String> failed = results.stream().filter(r -> !r.status().isSuccess())
                .map(r -> r.unit().unit() + " " + r.status() + (r.error() != null ? ": " + r.error() : "")).toList();
        if (failed.isEmpty() && run.stopReason() == null) {
            return new Verdict(RunStatus.COMPLETED, null);
        }
        return new Verdict(RunStatus.FAILED, run.stopReason() != null ? run.stopReason() : String.join("; ", failed));
    }

    private RunOutcome close(StreamRun run, String error) {
        StreamDefinition stream = run.stream();
        Verdict v = verdict(run, error);
        RunSummary summary = run.summary() != null ? run.summary() : report(run, error);
        List<UnitResult> results = run.results();
        int loaded = (int) results.stream().filter(r -> r.status() == UnitStatus.COMPLETED).count();
        checkpoint.reach("before-close");
        // no heartbeat may write the lease row while the closing transaction releases it
        keeper.stop(stream.id());
        try {
            closeInTransaction(run, v, summary, loaded);
        } catch (LeaseLostException e) {
            // the lease's new holder ended this run (ABANDONED, with its notification): no status, no mail from here
            LOG.error("run {} of {} for {} is not closed by this instance: {}", run.id(), stream.name(), run.businessDate(),
                    e.getMessage());
            MDC.remove("run");
            MDC.remove("stream");
            // listeners hear of closed runs only (RunListener): no metrics, no lineage event for a run not closed here
            activity(stream).runEnded(run.id(), RunStatus.FAILED.name());
            return new RunOutcome(stream.name(), run.businessDate(), run.id(), RunStatus.FAILED, false,
                    "the stream lease was lost to another instance: " + e.getMessage(), results);
        }
        activity(stream).runEnded(run.id(), v.status().name());
        LOG.info("run {} of {} for {} ended {}{}", run.id(), stream.name(), run.businessDate(), v.status(),
                v.message() != null ? ": " + v.message() : "");
        // pooled threads (seda, the command's main thread) must not name this run on their next lines
        MDC.remove("run");
        MDC.remove("stream");
        RunOutcome outcome = new RunOutcome(stream.name(), run.businessDate(), run.id(), v.status(), false, v.message(), results);
        listener.runEnded(stream, outcome, Duration.between(run.started(), Instant.now()));
        return outcome;
    }

    /** Final status, notification, log row and the lease's release, in one transaction that confirms the lease first. */
    private void closeInTransaction(StreamRun run, Verdict v, RunSummary summary, int loaded) {
        StreamDefinition stream = run.stream();
        dcf.jdbi().useTransaction(h -> {
            dcf.lease().fence(h, stream.id());
            if (!dcf.runs().close(h, run.id(), v.status(), run.units().size(), loaded, v.message())) {
                throw new LeaseLostException("run " + run.id() + " is no longer RUNNING: the stream lease's next holder ended it");
            }
            if (v.status() != RunStatus.NO_DATA_AVAILABLE) {
                Outbox.Type type = v.status() == RunStatus.COMPLETED ? Outbox.Type.LOAD_COMPLETION_REPORT : Outbox.Type.LOAD_FAILURE;
                dcf.outbox().add(h, type, stream.id(), stream.name(), run.id(), LoadReport.toJson(summary), summary.reportFile());
            }
            dcf.log().write(h, ExecLog.Entry.stream(stream.id(), stream.name(), run.id(),
                    v.status() == RunStatus.FAILED ? ExecLog.Level.ERROR : ExecLog.Level.INFO,
                    "run " + run.id() + " for " + run.businessDate() + " ended " + v.status()
                            + (v.message() != null ? ": " + v.message() : ""), null));
            dcf.lease().release(h, stream.id());
        });
    }

    private StreamActivity activity(StreamDefinition stream) {
        return activity.computeIfAbsent(stream.code(), k -> new StreamActivity());
    }
}
