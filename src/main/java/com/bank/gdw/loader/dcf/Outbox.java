package com.bank.gdw.loader.dcf;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.db.DatabaseKind;

/** DCF_T_NOTIFICATIONS: reports and alerts, written with the run's outcome and delivered afterwards. */
public final class Outbox {

    /** NOTIFICATION_TYPE. */
    public enum Type { LOAD_COMPLETION_REPORT, LOAD_FAILURE }

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
                        + "VALUES (:id, :type, :stream, :name, :run, :content, 'PENDING', :ts, 0, :ts, :attachment)")
                .bind("id", id).bind("type", type.name()).bind("stream", streamId).bind("name", streamName).bind("run", runId)
                .bind("content", json).bind("ts", clock.now()).bind("attachment", attachment)
                .execute();
        return id;
    }
}
