package com.bank.gdw.loader.dcf;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.db.DatabaseKind;

/**
 * DCF_T_STRM_LOCK: the right to run a stream, held by one instance at a time as a lease that its holder renews.
 * Taking it is one conditional UPDATE, so two instances racing for it cannot both win. Expiry and heartbeat are the
 * database's clock, computed inside the SQL ({@link DatabaseKind#utcNow()}): instances whose own clocks disagree judge
 * a lease alike.
 */
public final class StreamLease {

    /** Who holds a stream's lease and until when. */
    public record Holder(String ownerId, String host, Long runId, LocalDateTime heartbeat, LocalDateTime expires) { }

    private final Owner owner;
    private final DatabaseKind kind;
    /** SET clause of a lease taken or renewed now, by the database's clock. */
    private final String renewed;

    public StreamLease(Owner owner, Duration lease, DatabaseKind kind) {
        this.owner = owner;
        this.kind = kind;
        this.renewed = "HEARTBEAT_TS = " + kind.utcNow() + ", LEASE_EXPIRES_TS = " + kind.utcNowPlusMillis(lease.toMillis());
    }

    /** Takes the lease when it is free, expired, or held by a process of this host that has ended. */
    public boolean tryAcquire(Handle h, int streamId) {
        return tryAcquire(h, streamId, false);
    }

    /**
     * @param reclaimOwn also take a lease this instance already holds (its holder is known to have no run going)
     */
    public boolean tryAcquire(Handle h, int streamId, boolean reclaimOwn) {
        int taken = h.createUpdate("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = :owner, HOST_NAME = :host, STRM_INST_ID = NULL, "
                        + "ACQUIRED_TS = " + kind.utcNow() + ", " + renewed + " "
                        + "WHERE STRM_ID = :id AND (OWNER_ID IS NULL OR LEASE_EXPIRES_TS < " + kind.utcNow()
                        + (reclaimOwn ? " OR OWNER_ID = :owner)" : ")"))
                .bind("owner", owner.id()).bind("host", owner.host()).bind("id", streamId).execute();
        if (taken == 1) {
            return true;
        }
        Optional<Holder> holder = holder(h, streamId);
        if (holder.isPresent() && owner.knowsIsGone(holder.get().ownerId())) {
            return h.createUpdate("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = :owner, HOST_NAME = :host, STRM_INST_ID = NULL, "
                            + "ACQUIRED_TS = " + kind.utcNow() + ", " + renewed + " WHERE STRM_ID = :id AND OWNER_ID = :dead")
                    .bind("owner", owner.id()).bind("host", owner.host()).bind("id", streamId).bind("dead", holder.get().ownerId()).execute() == 1;
        }
        return false;
    }

    /** Records which run holds the lease. */
    public void attachRun(Handle h, int streamId, long runId) {
        h.createUpdate("UPDATE DCF_T_STRM_LOCK SET STRM_INST_ID = :run WHERE STRM_ID = :id AND OWNER_ID = :owner")
                .bind("run", runId).bind("id", streamId).bind("owner", owner.id()).execute();
    }

    /**
     * Extends the lease; false when it is no longer ours: another instance took it, or it expired by the database's
     * clock (then anyone may take it at any moment, so its holder must act as if it had).
     */
    public boolean renew(Handle h, int streamId) {
        return h.createUpdate("UPDATE DCF_T_STRM_LOCK SET " + renewed + " WHERE STRM_ID = :id AND OWNER_ID = :owner "
                        + "AND LEASE_EXPIRES_TS >= " + kind.utcNow())
                .bind("id", streamId).bind("owner", owner.id()).execute() == 1;
    }

    /**
     * Inside the transaction of a side effect of a run (run open, unit start and outcome, file move, report, run close
     * and its notification): throws {@link LeaseLostException} unless the lease is still ours, so that the transaction
     * rolls back. Where the database locks rows (PostgreSQL, Snowflake) this renews the lease by the database's clock,
     * which also requires it not to have expired, and holds the lease row until the commit, so no instance can take the
     * lease in between. DuckDB instead refuses the update of a row another transaction changed since this one began,
     * and the heartbeat renews that row every few seconds during a long load; there the transaction reads the owner (a
     * DuckDB file is opened by one process, so no other instance can take the lease meanwhile).
     */
    public void fence(Handle h, int streamId) {
        if (!confirm(h, streamId)) {
            Optional<Holder> holder = holder(h, streamId);
            String why = holder.filter(x -> owner.id().equals(x.ownerId()))
                    .map(x -> "it expired at " + x.expires() + " UTC while this instance waited (a statement held up longer than "
                            + "the lease's term)")
                    .orElseGet(() -> "it expired or another instance took it (now " + holder.map(x -> "held by " + x.ownerId()
                            + " until " + x.expires() + " UTC").orElse("free") + ")");
            throw new LeaseLostException("the lease of stream " + streamId + " is no longer this instance's (" + owner.id() + "): "
                    + why + "; nothing more is changed");
        }
    }

    /** {@link #fence} as a question: true when the lease is still ours (and, where rows are locked, now held). */
    public boolean confirm(Handle h, int streamId) {
        if (kind != DatabaseKind.DUCKDB) {
            return renew(h, streamId);
        }
        return holder(h, streamId).map(x -> owner.id().equals(x.ownerId())).orElse(false);
    }

    public void release(Handle h, int streamId) {
        h.createUpdate("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = NULL, HOST_NAME = NULL, STRM_INST_ID = NULL, LEASE_EXPIRES_TS = NULL "
                        + "WHERE STRM_ID = :id AND OWNER_ID = :owner")
                .bind("id", streamId).bind("owner", owner.id()).execute();
    }

    /** Frees the lease when it has expired by the database's clock, whoever held it: the operator's "release a stale lock". */
    public boolean releaseExpired(Handle h, int streamId) {
        return h.createUpdate("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = NULL, HOST_NAME = NULL, STRM_INST_ID = NULL, LEASE_EXPIRES_TS = NULL "
                        + "WHERE STRM_ID = :id AND OWNER_ID IS NOT NULL AND LEASE_EXPIRES_TS < " + kind.utcNow())
                .bind("id", streamId).execute() == 1;
    }

    /** True when the lease is held and has not expired by the database's clock. */
    public boolean isLive(Handle h, int streamId) {
        return h.createQuery("SELECT COUNT(*) FROM DCF_T_STRM_LOCK WHERE STRM_ID = :id AND OWNER_ID IS NOT NULL "
                        + "AND LEASE_EXPIRES_TS >= " + kind.utcNow())
                .bind("id", streamId).mapTo(Integer.class).one() > 0;
    }

    /** Frees the lease whoever holds it, live or not: the operator's forced release. */
    public boolean forceRelease(Handle h, int streamId) {
        return h.createUpdate("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = NULL, HOST_NAME = NULL, STRM_INST_ID = NULL, LEASE_EXPIRES_TS = NULL "
                        + "WHERE STRM_ID = :id AND OWNER_ID IS NOT NULL")
                .bind("id", streamId).execute() == 1;
    }

    public Optional<Holder> holder(Handle h, int streamId) {
        return h.createQuery("SELECT OWNER_ID, HOST_NAME, STRM_INST_ID, HEARTBEAT_TS, LEASE_EXPIRES_TS FROM DCF_T_STRM_LOCK "
                        + "WHERE STRM_ID = :id AND OWNER_ID IS NOT NULL")
                .bind("id", streamId)
                .map((rs, ctx) -> new Holder(rs.getString(1), rs.getString(2), nullableLong(rs, 3),
                        toLocal(rs.getTimestamp(4)), toLocal(rs.getTimestamp(5))))
                .findOne();
    }

    static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static LocalDateTime toLocal(java.sql.Timestamp ts) {
        return ts == null ? null : ts.toLocalDateTime();
    }

    public Owner owner() {
        return owner;
    }
}
