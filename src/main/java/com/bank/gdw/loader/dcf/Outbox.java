package com.bank.gdw.loader.dcf;

import java.time.Duration;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.db.DatabaseKind;

/**
 * DCF_T_NOTIFICATIONS: reports and alerts, written with the run's outcome and delivered afterwards. Delivery claims a
 * due row with a conditional UPDATE (one more attempt, not due again before the claim expires), so instances sharing
 * the table never deliver it at the same time; every later update is conditional on that claim still being the
 * latest, so a late answer from an instance whose claim expired changes nothing. When a row is due is the database's
 * clock, computed inside the SQL, so instances whose own clocks disagree never claim a row early.
 */
public final class Outbox {

    /** NOTIFICATION_TYPE. */
    public enum Type { LOAD_COMPLETION_REPORT, LOAD_FAILURE, OPENLINEAGE_EVENT, LATE_FEED }

    /** A row claimed for delivery; {@code attempts} counts this attempt. */
    public record Notification(long id, Type type, int streamId, String streamName, Long runId, String content, int attempts,
                               String attachmentPath) { }

    private final DcfClock clock;
    private final DatabaseKind kind;

    public Outbox(DcfClock clock, DatabaseKind kind) {
        this.clock = clock;
        this.kind = kind;
    }

    public long add(Handle h, Type type, int streamId, String streamName, Long runId, String json, String attachment) {
        long id = Sequences.next(h, kind, Sequences.NOTIFICATION);
        h.createUpdate("INSERT INTO DCF_T_NOTIFICATIONS (NOTIFICATION_ID, NOTIFICATION_TYPE, STRM_ID, STRM_NAME, STRM_INST_ID, "
                        + "NOTIFICATION_CONTENT, NOTIFICATION_STATUS, CREATED_TS, ATTEMPTS, NEXT_ATTEMPT_TS, ATTACHMENT_PATH) "
                        + "VALUES (:id, :type, :stream, :name, :run, :content, 'PENDING', :ts, 0, " + kind.utcNow() + ", :attachment)")
                .bind("id", id).bind("type", type.name()).bind("stream", streamId).bind("name", streamName).bind("run", runId)
                .bind("content", json).bind("ts", clock.now()).bind("attachment", attachment)
                .execute();
        return id;
    }

    /** The database's clock now (UTC): the polling query's idea of "due". */
    /**
     * The ids of the rows due now by the database's clock (PENDING, NEXT_ATTEMPT_TS come), oldest first, at most
     * {@code limit}: OpenLineage events or, with {@code lineage} false, everything else (the mails).
     */
    public java.util.List<Long> due(Handle h, boolean lineage, int limit) {
        return h.createQuery("SELECT NOTIFICATION_ID FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_STATUS = 'PENDING' AND NOTIFICATION_TYPE "
                        + (lineage ? "=" : "<>") + " 'OPENLINEAGE_EVENT' AND NEXT_ATTEMPT_TS <= " + kind.utcNow()
                        + " ORDER BY NOTIFICATION_ID LIMIT " + Math.max(1, limit))
                .mapTo(Long.class).list();
    }

    /**
     * Claims a PENDING row that is due: counts the attempt and holds the row for {@code hold} (when a sender dies
     * mid-attempt the row is due again then). Empty when the row is not due or another instance was first.
     */
    public Optional<Notification> claim(Handle h, long id, Duration hold) {
        return claim(h, id, hold, "");
    }

    /**
     * Claims a due row as {@link #claim} does, but only when no earlier row of the same type and run is still
     * PENDING: events that must arrive in order (a run's OpenLineage START before its end) wait for the ones before.
     */
    public Optional<Notification> claimInOrder(Handle h, long id, Duration hold) {
        return claim(h, id, hold, " AND NOT EXISTS (SELECT 1 FROM DCF_T_NOTIFICATIONS e, DCF_T_NOTIFICATIONS n "
                + "WHERE n.NOTIFICATION_ID = :id AND e.STRM_INST_ID = n.STRM_INST_ID AND e.NOTIFICATION_TYPE = n.NOTIFICATION_TYPE "
                + "AND e.NOTIFICATION_STATUS = 'PENDING' AND e.NOTIFICATION_ID < n.NOTIFICATION_ID)");
    }

    private Optional<Notification> claim(Handle h, long id, Duration hold, String andCondition) {
        int claimed = h.createUpdate("UPDATE DCF_T_NOTIFICATIONS SET ATTEMPTS = ATTEMPTS + 1, NEXT_ATTEMPT_TS = "
                        + kind.utcNowPlusMillis(hold.toMillis()) + " WHERE NOTIFICATION_ID = :id AND NOTIFICATION_STATUS = 'PENDING' "
                        + "AND NEXT_ATTEMPT_TS <= " + kind.utcNow() + andCondition)
                .bind("id", id)
                .execute();
        if (claimed != 1) {
            return Optional.empty();
        }
        return h.createQuery("SELECT NOTIFICATION_ID, NOTIFICATION_TYPE, STRM_ID, STRM_NAME, STRM_INST_ID, NOTIFICATION_CONTENT, "
                        + "ATTEMPTS, ATTACHMENT_PATH FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_ID = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Notification(rs.getLong(1), Type.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4),
                        StreamLease.nullableLong(rs, 5), rs.getString(6), rs.getInt(7), rs.getString(8)))
                .findOne();
    }

    /** The claimed attempt delivered it: SENT. False when the claim was no longer this one's. */
    public boolean sent(Handle h, Notification n) {
        return h.createUpdate("UPDATE DCF_T_NOTIFICATIONS SET NOTIFICATION_STATUS = 'SENT', SENT_TS = :ts, NEXT_ATTEMPT_TS = NULL "
                        + "WHERE NOTIFICATION_ID = :id AND NOTIFICATION_STATUS = 'PENDING' AND ATTEMPTS = :attempts")
                .bind("ts", clock.now()).bind("id", n.id()).bind("attempts", n.attempts())
                .execute() == 1;
    }

    /**
     * The claimed attempt failed: PENDING again after {@code wait} (by the database's clock), or FAILED for good when
     * that is null. False when the claim was no longer this one's.
     */
    public boolean attemptFailed(Handle h, Notification n, String error, Duration wait) {
        return h.createUpdate("UPDATE DCF_T_NOTIFICATIONS SET NOTIFICATION_STATUS = :status, NEXT_ATTEMPT_TS = "
                        + (wait == null ? "NULL" : kind.utcNowPlusMillis(wait.toMillis())) + ", LAST_ERROR = :error "
                        + "WHERE NOTIFICATION_ID = :id AND NOTIFICATION_STATUS = 'PENDING' AND ATTEMPTS = :attempts")
                .bind("status", wait == null ? "FAILED" : "PENDING")
                .bind("error", Texts.cut(error)).bind("id", n.id()).bind("attempts", n.attempts())
                .execute() == 1;
    }
}
