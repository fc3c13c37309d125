package com.bank.gdw.loader.dcf;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Renews the leases this instance holds on a steady heartbeat; tells the run when one is lost. */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Jdbi jdbi;
    private final StreamLease lease;
    private final Duration heartbeat;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, ScheduledFuture<?>> beats = new ConcurrentHashMap<>();
    /** Held while a renewal runs, so stop() returns only when no renewal is writing the lease row any more. */
    private final Object renewing = new Object();

    public LeaseKeeper(Jdbi jdbi, StreamLease lease, Duration heartbeat) {
        this.jdbi = jdbi;
        this.lease = lease;
        this.heartbeat = heartbeat;
    }

    /** Renews the stream's lease until {@link #stop}; its log lines carry the caller's MDC (stream and run). */
    public void keep(int streamId, Runnable onLost) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        beats.put(streamId, timer.scheduleWithFixedDelay(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            synchronized (renewing) {
                if (!beats.containsKey(streamId)) {
                    return;
                }
                try {
                    if (!jdbi.inTransaction(h -> lease.renew(h, streamId))) {
                        LOG.error("lease of stream {} was lost (it expired, or another instance took it): this run stops and changes nothing more",
                                streamId);
                        onLost.run();
                        beats.remove(streamId).cancel(false);
                    }
                } catch (RuntimeException e) {
                    // a database outage or a write conflict: try again next beat; the lease stays ours until it expires
                    LOG.warn("cannot renew the lease of stream {}: {}", streamId, e.getMessage());
                }
            }
        }, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** True while a run of this instance renews the stream's lease. */
    public boolean keeps(int streamId) {
        return beats.containsKey(streamId);
    }

    /** Stops renewing; returns once no renewal of the lease is in progress (the run then releases it). */
    public void stop(int streamId) {
        synchronized (renewing) {
            ScheduledFuture<?> f = beats.remove(streamId);
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
