package com.bank.gdw.loader.dcf;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.stream.StreamDefinition;

/** DCF_T_STRM: the streams and whether they may run. */
public final class StreamRegistry {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";

    private final DcfClock clock;

    public StreamRegistry(DcfClock clock) {
        this.clock = clock;
    }

    /** Seeds the stream's row (and its lease row) when absent; an existing status is kept. */
    public void register(Handle h, StreamDefinition s) {
        int found = h.createQuery("SELECT COUNT(*) FROM DCF_T_STRM WHERE STRM_ID = :id").bind("id", s.id()).mapTo(Integer.class).one();
        if (found == 0) {
            h.createUpdate("INSERT INTO DCF_T_STRM (STRM_ID, STRM_NAME, STRM_DESC, STRM_STATUS, TARGET_TABLE, UPDT_TS, STRM_CODE) "
                            + "VALUES (:id, :name, :desc, :status, :target, :ts, :code)")
                    .bind("id", s.id()).bind("name", s.name()).bind("desc", s.description())
                    .bind("status", s.initialStatus()).bind("target", s.targetTable()).bind("ts", clock.now()).bind("code", s.code())
                    .execute();
        }
        int lock = h.createQuery("SELECT COUNT(*) FROM DCF_T_STRM_LOCK WHERE STRM_ID = :id").bind("id", s.id()).mapTo(Integer.class).one();
        if (lock == 0) {
            h.createUpdate("INSERT INTO DCF_T_STRM_LOCK (STRM_ID) VALUES (:id)").bind("id", s.id()).execute();
        }
    }

    public Optional<String> status(Handle h, int streamId) {
        return h.createQuery("SELECT STRM_STATUS FROM DCF_T_STRM WHERE STRM_ID = :id").bind("id", streamId).mapTo(String.class).findOne();
    }

    public void setStatus(Handle h, int streamId, String status) {
        if (!ACTIVE.equals(status) && !INACTIVE.equals(status)) {
            throw new IllegalArgumentException("stream status must be ACTIVE or INACTIVE, not " + status);
        }
        h.createUpdate("UPDATE DCF_T_STRM SET STRM_STATUS = :status, UPDT_TS = :ts WHERE STRM_ID = :id")
                .bind("status", status).bind("ts", clock.now()).bind("id", streamId).execute();
    }
}
