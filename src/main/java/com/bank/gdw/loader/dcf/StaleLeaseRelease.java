package com.bank.gdw.loader.dcf;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's "release a stale lock" (JMX and the command line): frees a stream's lease only once it has expired by
 * the database's clock, unless forced; a live lease may belong to an instance that is loading right now. Every release
 * is logged with who asked, in the log and the execution log.
 */
public final class StaleLeaseRelease {

    private static final Logger LOG = LoggerFactory.getLogger(StaleLeaseRelease.class);

    /** What became of the request. */
    public enum Outcome { RELEASED, FREE, REFUSED_LIVE, REFUSED_OWN_RUN }

    /** The outcome and the sentence for the operator. */
    public record Result(Outcome outcome, String text) { }

    private final ControlTables dcf;

    public StaleLeaseRelease(ControlTables dcf) {
        this.dcf = dcf;
    }

    /**
     * @param force     release a live lease too (its holder is known to be dead, or must be stopped)
     * @param caller    who asks, for the log ("JMX user alice", "command line, OS user bob")
     * @param ownRunId  the run this instance is executing on the stream, or null: a lease this instance holds for a run
     *                  of its own is never released from here
     */
    public Result release(int streamId, String streamName, boolean force, String caller, Long ownRunId) {
        Optional<StreamLease.Holder> holder = dcf.jdbi().withHandle(h -> dcf.lease().holder(h, streamId));
        if (holder.isEmpty()) {
            return new Result(Outcome.FREE, "the lease of " + streamName + " is free");
        }
        StreamLease.Holder held = holder.get();
        if (held.ownerId().equals(dcf.owner().id()) && ownRunId != null) {
            return new Result(Outcome.REFUSED_OWN_RUN, "not released: this instance is running " + streamName + " (run " + ownRunId + ")");
        }
        boolean live = dcf.jdbi().withHandle(h -> dcf.lease().isLive(h, streamId));
        if (live && !force) {
            return new Result(Outcome.REFUSED_LIVE, "not released: the lease of " + streamName + " is live, " + describe(held)
                    + "; release it with force only when that instance is known to be dead");
        }
        String text = "released the " + (live ? "live" : "expired") + " lease " + describe(held) + (live ? " (forced)" : "")
                + "; asked by " + caller + " on " + dcf.owner().id();
        boolean released = dcf.jdbi().inTransaction(h -> {
            boolean done = live ? dcf.lease().forceRelease(h, streamId) : dcf.lease().releaseExpired(h, streamId);
            if (done) {
                dcf.log().write(h, ExecLog.Entry.stream(streamId, streamName, held.runId(), ExecLog.Level.WARN, text, null));
            }
            return done;
        });
        if (!released) {
            // it changed hands meanwhile (renewed, taken or released): the operator looks again
            return new Result(Outcome.REFUSED_LIVE, "not released: the lease of " + streamName + " changed meanwhile; look again");
        }
        LOG.warn("{}: {}", streamName, text);
        return new Result(Outcome.RELEASED, text);
    }

    private static String describe(StreamLease.Holder h) {
        return "held by " + h.ownerId() + (h.runId() != null ? " for run " + h.runId() : "") + " until " + h.expires() + " UTC";
    }
}
