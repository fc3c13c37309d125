package com.bank.gdw.loader.camel;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.bank.gdw.loader.dcf.LeaseKeeper;
import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.dcf.RunLedger;
import com.bank.gdw.loader.dcf.StreamLease;
import com.bank.gdw.loader.dcf.StreamRegistry;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.run.StreamActivities;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.UnitDiscovery;

/** JobOccrStart, UserVars2: opens a run once the stream is ACTIVE and its lease is this instance's, after recovery. */
public final class RunOpen {

    private static final Logger LOG = LoggerFactory.getLogger(RunOpen.class);
    static final String CONCURRENT = "Concurrent execution detected - stream already running";
    static final String INACTIVE = "Stream is not in active status";

    private final RunLedger ledger;
    private final Recovery recovery;
    private final LeaseKeeper keeper;
    private final Path landing;
    private final StreamActivities activities;
    private final DatabaseSetup setup;
    private final Checkpoint checkpoint;
    private final RecoveredArchives archives;

    public RunOpen(RunLedger ledger, Recovery recovery, LeaseKeeper keeper, Path landing, StreamActivities activities,
                   DatabaseSetup setup, Checkpoint checkpoint, RecoveredArchives archives) {
        this.checkpoint = checkpoint;
        this.archives = archives;
        this.ledger = ledger;
        this.recovery = recovery;
        this.keeper = keeper;
        this.landing = landing;
        this.activities = activities;
        this.setup = setup;
    }

    /** Opens a run, or refuses it (RunRefusedException) when the stream is inactive or already running. */
    public StreamRun open(StreamDefinition stream, RunRequest request) {
        LocalDate date = request.businessDate();
        TriggerType trigger = request.trigger();
        MDC.put("stream", stream.code());
        setup.ensureReady();
        String status = ledger.status(stream);
        if (!StreamRegistry.ACTIVE.equals(status)) {
            throw refuse(stream, trigger, INACTIVE + " (" + stream.name() + " is " + status + ")");
        }
        if ((trigger == TriggerType.FILE || trigger == TriggerType.SCHEDULE)
                && new UnitDiscovery(stream, landing).list().unitsOf(date).isEmpty()) {
            // the request was queued while another run (perhaps on another instance) took the files
            throw refuse(stream, trigger, "no unit of " + date + " left in " + landing);
        }
        if (!acquire(stream)) {
            throw refuse(stream, trigger, CONCURRENT + " (" + ledger.holder(stream).map(RunOpen::describe).orElse("another run") + ")");
        }
        try {
            archives.add(stream, recovery.recover(stream));
            String batch = request.batchId() != null && !request.batchId().isBlank() ? request.batchId()
                    : date.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + System.currentTimeMillis();
            StreamRun run = new StreamRun(stream, ledger.open(stream, date, batch, trigger), date, batch, trigger, landing);
            MDC.put("run", String.valueOf(run.id()));
            // what this recovery, or the one at start-up, archived: a rerun of a date whose archive a kill broke off
            run.archivesFinished(archives.take(stream));
            keeper.keep(stream.id(), run::loseLease);
            activities.of(stream).runStarted(run.id());
            LOG.info("run {} of {} for {} opened (trigger {}, batch {})", run.id(), stream.name(), date, trigger, batch);
            checkpoint.reach("run-opened");
            return run;
        } catch (RuntimeException e) {
            ledger.release(stream);
            throw e;
        }
    }

    private boolean acquire(StreamDefinition stream) {
        // a lease this instance holds while none of its runs keeps it is left over from a run that broke off
        // without closing (the database went away): it is ours to take back
        return ledger.acquire(stream, !keeper.keeps(stream.id()));
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
            ledger.refused(stream, message);
        }
        return new RunRefusedException(message);
    }
}
