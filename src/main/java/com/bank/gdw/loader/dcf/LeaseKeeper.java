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

    public LeaseKeeper(Jdbi jdbi, StreamLease lease, Duration heartbeat) {
        this.jdbi = jdbi;
        this.lease = lease;
        this.heartbeat = heartbeat;
    }

    public void keep(int streamId, Runnable onLost) {
        beats.put(streamId, timer.scheduleWithFixedDelay(() -> {
            try {
                if (!jdbi.inTransaction(h -> lease.renew(h, streamId))) {
                    LOG.error("lease of stream {} was taken by another instance: this run stops", streamId);
                    onLost.run();
                    stop(streamId);
                }
            } catch (RuntimeException e) {
                // a database outage: keep trying; the lease stays ours until it expires
                LOG.warn("cannot renew the lease of stream {}: {}", streamId, e.getMessage());
            }
        }, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS));
    }

    public void stop(int streamId) {
        ScheduledFuture<?> f = beats.remove(streamId);
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
