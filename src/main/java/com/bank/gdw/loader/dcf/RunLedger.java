package com.bank.gdw.loader.dcf;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The DCF records of a run, each in a transaction this ledger owns: the stream's status and lease, the run's opening
 * (attached to the lease), a refused request, files never loaded, and the close (status, notification, execution
 * log and the lease's release, after confirming the lease).
 */
public final class RunLedger {

    /**
     * File names looked up in the log per query, and the most rows written per batch: well below every database's
     * limit on bound parameters, and a batch stays under the bound values at which Snowflake's driver stages it.
     */
    private static final int NAMES_PER_PAGE = 1000;

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

    /**
     * Files in landing that must never be loaded, each warned of once: writes the warnings ({@code warnings}: file
     * name to text) that the log does not hold yet and answers their names. Which were warned of before is read a page
     * of names at a time, so a run pays for the names it sees, not one query for each.
     */
    public Set<String> neverLoaded(StreamDefinition stream, Long runId, Map<String, String> warnings) {
        List<String> names = List.copyOf(warnings.keySet());
        Set<String> first = new LinkedHashSet<>();
        for (int from = 0; from < names.size(); from += NAMES_PER_PAGE) {
            List<String> page = names.subList(from, Math.min(names.size(), from + NAMES_PER_PAGE));
            first.addAll(dcf.jdbi().inTransaction(h -> {
                Set<String> warned = dcf.log().warned(h, stream.id(), page);
                List<ExecLog.Entry> entries = page.stream().filter(name -> !warned.contains(name))
                        .map(name -> ExecLog.Entry.stream(stream.id(), stream.name(), runId, ExecLog.Level.WARN,
                                warnings.get(name), name))
                        .toList();
                dcf.log().writeAll(h, entries);
                return entries.stream().map(ExecLog.Entry::fileName).toList();
            }));
        }
        return first;
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
