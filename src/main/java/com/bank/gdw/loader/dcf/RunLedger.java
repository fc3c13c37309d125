package com.bank.gdw.loader.dcf;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The DCF records of a run, each in a transaction this ledger owns: the stream's status and lease, the run's opening
 * (attached to the lease), a refused request, files never loaded, and the close (status, notification, execution
 * log and the lease's release, after confirming the lease).
 */
public final class RunLedger {

    private final ControlTables dcf;

    public RunLedger(ControlTables dcf) {
        this.dcf = dcf;
    }

    /** The stream's registered status (ACTIVE, INACTIVE); INACTIVE when it is not registered. */
    public String status(StreamDefinition stream) {
        return dcf.jdbi().withHandle(h -> dcf.streams().status(h, stream.id())).orElse(StreamRegistry.INACTIVE);
    }

    /**
     * Takes the stream's lease; a write conflict with a racing run (DuckDB reports one instead of waiting) means it lost.
     *
     * @param reclaimOwn take back a lease this instance holds while none of its runs keeps it
     */
    public boolean acquire(StreamDefinition stream, boolean reclaimOwn) {
        try {
            return dcf.jdbi().inTransaction(h -> dcf.lease().tryAcquire(h, stream.id(), reclaimOwn));
        } catch (RuntimeException e) {
            if (holder(stream).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    public Optional<StreamLease.Holder> holder(StreamDefinition stream) {
        return dcf.jdbi().withHandle(h -> dcf.lease().holder(h, stream.id()));
    }

    public void release(StreamDefinition stream) {
        dcf.jdbi().useTransaction(h -> dcf.lease().release(h, stream.id()));
    }

    /** A refused request of a person: a warning in the execution log. */
    public void refused(StreamDefinition stream, String message) {
        dcf.jdbi().useTransaction(h -> dcf.log().write(h, ExecLog.Entry.stream(stream.id(), stream.name(), null,
                ExecLog.Level.WARN, message, null)));
    }

    /** JobOccrStart: the run, RUNNING, attached to the stream's lease (which must still be ours). */
    public long open(StreamDefinition stream, LocalDate date, String batchId, TriggerType trigger) {
        return dcf.jdbi().inTransaction(h -> {
            dcf.lease().fence(h, stream.id());
            long runId = dcf.runs().open(h, stream.id(), stream.name(), date, batchId, trigger);
            dcf.lease().attachRun(h, stream.id(), runId);
            return runId;
        });
    }

    /** A file in landing that must never be loaded, warned of once: true when this is the first warning. */
    public boolean neverLoaded(StreamDefinition stream, Long runId, String fileName, String text) {
        return dcf.jdbi().inTransaction(h -> {
            if (dcf.log().warned(h, stream.id(), fileName)) {
                return false;
            }
            dcf.log().write(h, ExecLog.Entry.stream(stream.id(), stream.name(), runId, ExecLog.Level.WARN, text, fileName));
            return true;
        });
    }

    /** The units of a stream and date whose latest COMPLETED load has archived files (what a replay loads again). */
    public List<ArchivedUnits.Unit> archived(StreamDefinition stream, LocalDate date) {
        return dcf.jdbi().withHandle(h -> ArchivedUnits.latest(h, stream.id(), date));
    }

    /** An INFO row of the stream in the execution log, for a run (a replay names the archived files it loaded). */
    public void note(StreamDefinition stream, Long runId, String text) {
        log(stream, runId, ExecLog.Level.INFO, text);
    }

    /** A row of the stream in the execution log, for a run. */
    public void log(StreamDefinition stream, Long runId, ExecLog.Level level, String text) {
        dcf.jdbi().useTransaction(h -> dcf.log().write(h, ExecLog.Entry.stream(stream.id(), stream.name(), runId, level, text, null)));
    }

    /** Work done while the lease row is held (where rows are locked), so only the lease's holder does it. */
    public void underLease(StreamDefinition stream, Consumer<Handle> work) {
        dcf.jdbi().useTransaction(h -> {
            dcf.lease().fence(h, stream.id());
            work.accept(h);
        });
    }

    /**
     * JobOccrEndOK / JobOccrEndNOK: the final status, the notification (none without data), the log row and the
     * lease's release in one transaction that confirms the lease first.
     *
     * @throws LeaseLostException when the run is no longer RUNNING: the lease's next holder ended it
     */
    public void close(StreamDefinition stream, long runId, LocalDate date, RunStatus status, String message, int unitsFound,
                      int unitsLoaded, String summaryJson, String reportFile) {
        dcf.jdbi().useTransaction(h -> {
            dcf.lease().fence(h, stream.id());
            if (!dcf.runs().close(h, runId, status, unitsFound, unitsLoaded, message)) {
                throw new LeaseLostException("run " + runId + " is no longer RUNNING: the stream lease's next holder ended it");
            }
            if (status != RunStatus.NO_DATA_AVAILABLE) {
                Outbox.Type type = status == RunStatus.COMPLETED ? Outbox.Type.LOAD_COMPLETION_REPORT : Outbox.Type.LOAD_FAILURE;
                dcf.outbox().add(h, type, stream.id(), stream.name(), runId, summaryJson, reportFile);
            }
            dcf.log().write(h, ExecLog.Entry.stream(stream.id(), stream.name(), runId,
                    status == RunStatus.FAILED ? ExecLog.Level.ERROR : ExecLog.Level.INFO,
                    "run " + runId + " for " + date + " ended " + status + (message != null ? ": " + message : ""), null));
            dcf.lease().release(h, stream.id());
        });
    }
}
