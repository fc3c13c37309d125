package com.bank.gdw.loader.camel;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.dcf.UnitLedger;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.run.StreamActivities;
import com.bank.gdw.loader.unit.UnitResult;

/** MvLoadFiles, MvSrcFiles: the file moves written down with the unit's end, then the unit's end made known. */
public final class UnitArchive {

    private static final Logger LOG = LoggerFactory.getLogger(UnitArchive.class);

    private final UnitLedger ledger;
    private final StreamActivities activities;
    private final RunListener listener;
    private final Checkpoint checkpoint;

    public UnitArchive(UnitLedger ledger, StreamActivities activities, RunListener listener, Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.ledger = ledger;
        this.activities = activities;
        this.listener = listener;
    }

    /** Performs the moves written down with the outcome, and ends the unit. */
    public EndedUnit archive(RecordedUnit r) {
        ClaimedUnit c = r.claimed();
        for (FileMoves.Move m : r.moves()) {
            ledger.execute(m, new FileMoves.LineageFacts(c.unit().businessDate(), c.run().stream().targetTable(),
                    "LOAD".equals(m.role()) ? r.result().figures().rowsWritten() : 0L));
            LOG.info("{} moved to {}", m.source().getFileName(), m.target());
            checkpoint.reach("mid-archive");
        }
        checkpoint.reach("after-archive");
        return end(c.run(), c.started().started(), r.result(), null, false, true);
    }

    /**
     * The unit is over: the stream's activity and the MDC forget it, and the listeners hear of its end when it was
     * recorded (RunListener): a unit whose lease was lost has none.
     *
     * @param started when the unit's process instance was drawn
     */
    EndedUnit end(StreamRun run, Instant started, UnitResult result, String stopsRun, boolean leaseLost, boolean recorded) {
        activities.of(run.stream()).unitEnded();
        if (recorded) {
            listener.unitEnded(run.stream(), result, Duration.between(started, Instant.now()));
        }
        MDC.remove("unit");
        MDC.remove("processId");
        return new EndedUnit(result, stopsRun, leaseLost);
    }
}
