package com.bank.gdw.loader.dcf;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.db.DatabaseKind;

/** DCF_T_STRM_INST: runs of a stream (DataStage JobOccrStart / JobOccrEndOK / JobOccrEndNOK). */
public final class RunRepository {

    private static final String COLUMNS = "STRM_INST_ID, STRM_ID, STRM_NAME, BUS_DT, BATCH_ID, TRIGGER_TYPE, STRM_START_TS, "
            + "STRM_END_TS, STRM_STATUS, FILES_FOUND, FILES_LOADED, ERROR_MESSAGE, HOST_NAME";

    private final DcfClock clock;
    private final Owner owner;
    private final DatabaseKind kind;

    public RunRepository(DcfClock clock, Owner owner, DatabaseKind kind) {
        this.clock = clock;
        this.owner = owner;
        this.kind = kind;
    }

    public long open(Handle h, int streamId, String streamName, LocalDate businessDate, String batchId, TriggerType trigger) {
        long id = Sequences.next(h, kind, Sequences.RUN);
        h.createUpdate("INSERT INTO DCF_T_STRM_INST (STRM_INST_ID, STRM_ID, STRM_NAME, BUS_DT, BATCH_ID, TRIGGER_TYPE, "
                        + "STRM_START_TS, STRM_STATUS, FILES_FOUND, FILES_LOADED, HOST_NAME, OWNER_ID) "
                        + "VALUES (:id, :stream, :name, :date, :batch, :trigger, :ts, 'RUNNING', 0, 0, :host, :owner)")
                .bind("id", id).bind("stream", streamId).bind("name", streamName).bind("date", businessDate)
                .bind("batch", batchId).bind("trigger", trigger.name()).bind("ts", clock.now())
                .bind("host", owner.host()).bind("owner", owner.id())
                .execute();
        return id;
    }

    /** Gives the run its final status; false when it was not RUNNING any more (another instance's recovery ended it). */
    public boolean close(Handle h, long runId, RunStatus status, int filesFound, int filesLoaded, String error) {
        return h.createUpdate("UPDATE DCF_T_STRM_INST SET STRM_STATUS = :status, STRM_END_TS = :ts, FILES_FOUND = :found, "
                        + "FILES_LOADED = :loaded, ERROR_MESSAGE = :error WHERE STRM_INST_ID = :id AND STRM_STATUS = 'RUNNING'")
                .bind("status", status.name()).bind("ts", clock.now()).bind("found", filesFound).bind("loaded", filesLoaded)
                .bind("error", Texts.cut(error)).bind("id", runId)
                .execute() == 1;
    }

    /** The stream's runs still RUNNING. */
    public List<RunRecord> running(Handle h, int streamId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM DCF_T_STRM_INST WHERE STRM_ID = :id AND STRM_STATUS = 'RUNNING' ORDER BY STRM_INST_ID")
                .bind("id", streamId).map((rs, ctx) -> map(rs)).list();
    }

    /** Marks the stream's RUNNING runs ABANDONED: called by the lease holder, so their owners are gone. */
    public int abandonRunning(Handle h, int streamId) {
        return h.createUpdate("UPDATE DCF_T_STRM_INST SET STRM_STATUS = 'ABANDONED', STRM_END_TS = :ts, "
                        + "ERROR_MESSAGE = 'owner ' || COALESCE(OWNER_ID, '?') || ' ended without closing the run' "
                        + "WHERE STRM_ID = :id AND STRM_STATUS = 'RUNNING'")
                .bind("ts", clock.now()).bind("id", streamId).execute();
    }

    public Optional<RunRecord> find(Handle h, long runId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM DCF_T_STRM_INST WHERE STRM_INST_ID = :id").bind("id", runId)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    public List<RunRecord> recent(Handle h, int streamId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM DCF_T_STRM_INST WHERE STRM_ID = :id ORDER BY STRM_INST_ID DESC LIMIT :limit")
                .bind("id", streamId).bind("limit", limit).map((rs, ctx) -> map(rs)).list();
    }

    /** When the stream's latest COMPLETED run ended (UTC), if it ever had one. */
    public Optional<java.time.LocalDateTime> lastCompletedEnd(Handle h, int streamId) {
        return h.createQuery("SELECT MAX(STRM_END_TS) FROM DCF_T_STRM_INST WHERE STRM_ID = :id AND STRM_STATUS = 'COMPLETED'")
                .bind("id", streamId).map((rs, ctx) -> StreamLease.toLocal(rs.getTimestamp(1))).findOne();
    }

    private static Integer nullableInt(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static RunRecord map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RunRecord(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getString(5),
                TriggerType.valueOf(rs.getString(6)), StreamLease.toLocal(rs.getTimestamp(7)), StreamLease.toLocal(rs.getTimestamp(8)),
                RunStatus.valueOf(rs.getString(9)), nullableInt(rs, 10), nullableInt(rs, 11), rs.getString(12), rs.getString(13));
    }
}
