package com.bank.gdw.loader.dcf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.db.DatabaseKind;

/** DCF_T_PRCS_INST: one row per load unit processed (DataStage GetODSProcId). */
public final class ProcessRepository {

    private static final String COLUMNS = "PRCS_INST_ID, STRM_INST_ID, PRCS_NAME, PRCS_BUS_DT, FILE_NAME, FILE_SHA256, "
            + "PRCS_START_TS, PRCS_END_TS, PRCS_STATUS, INPUT_ROWS, REJECTED_ROWS, DUPLICATE_ROWS, ROWS_WRITTEN, "
            + "AVG_DQ_SCORE, MIN_DQ_SCORE, DQ_HIGH_ROWS, DQ_MEDIUM_ROWS, DQ_LOW_ROWS, CONTROL_AMOUNT, ERROR_MESSAGE";

    private final DcfClock clock;
    private final Owner owner;
    private final DatabaseKind kind;

    public ProcessRepository(DcfClock clock, Owner owner, DatabaseKind kind) {
        this.clock = clock;
        this.owner = owner;
        this.kind = kind;
    }

    /** A new process instance id, from the sequence. */
    public long nextId(Handle h) {
        return Sequences.next(h, kind, Sequences.PROCESS);
    }

    public void start(Handle h, long id, long runId, int streamId, String streamName, String unit, LocalDate businessDate,
                      String fileName, String triggerFileName) {
        h.createUpdate("INSERT INTO DCF_T_PRCS_INST (PRCS_INST_ID, STRM_INST_ID, STRM_ID, STRM_NAME, PRCS_NAME, PRCS_BUS_DT, "
                        + "FILE_NAME, TRIGGER_FILE_NAME, PRCS_START_TS, PRCS_STATUS, OWNER_ID) "
                        + "VALUES (:id, :run, :stream, :name, :unit, :date, :file, :trigger, :ts, 'RUNNING', :owner)")
                .bind("id", id).bind("run", runId).bind("stream", streamId).bind("name", streamName).bind("unit", unit)
                .bind("date", businessDate).bind("file", fileName).bind("trigger", triggerFileName).bind("ts", clock.now())
                .bind("owner", owner.id())
                .execute();
    }

    /**
     * Gives the unit its final status and figures; only a RUNNING unit changes. False when it was not RUNNING any more
     * (the recovery of the lease's next holder ended it ABANDONED): the caller must not go on as if it had.
     */
    public boolean finish(Handle h, long id, UnitStatus status, String sha256, UnitFigures f, String error) {
        return h.createUpdate("UPDATE DCF_T_PRCS_INST SET PRCS_STATUS = :status, PRCS_END_TS = :ts, FILE_SHA256 = :sha, "
                        + "INPUT_ROWS = :input, REJECTED_ROWS = :rejected, DUPLICATE_ROWS = :dups, ROWS_WRITTEN = :written, "
                        + "AVG_DQ_SCORE = :avg, MIN_DQ_SCORE = :min, DQ_HIGH_ROWS = :high, DQ_MEDIUM_ROWS = :medium, "
                        + "DQ_LOW_ROWS = :low, CONTROL_AMOUNT = :amount, ERROR_MESSAGE = :error "
                        + "WHERE PRCS_INST_ID = :id AND PRCS_STATUS = 'RUNNING'")
                .bind("status", status.name()).bind("ts", clock.now()).bind("sha", sha256)
                .bind("input", f.inputRows()).bind("rejected", f.rejectedRows()).bind("dups", f.duplicateRows())
                .bind("written", f.rowsWritten())
                .bind("avg", BigDecimal.valueOf(f.averageScore()).setScale(2, RoundingMode.HALF_UP)).bind("min", f.minScore())
                .bind("high", f.highRows()).bind("medium", f.mediumRows()).bind("low", f.lowRows())
                .bind("amount", f.controlAmount()).bind("error", Texts.cut(error)).bind("id", id)
                .execute() == 1;
    }

    /**
     * Every earlier process instance of the unit for that date, whatever its status, oldest first ({@code current}
     * excluded): with a separate target database, a process that did not end COMPLETED may have committed rows there.
     */
    public List<UnitRecord> earlierLoads(Handle h, int streamId, String unit, LocalDate businessDate, long current) {
        return h.createQuery("SELECT " + COLUMNS + " FROM DCF_T_PRCS_INST WHERE STRM_ID = :stream AND PRCS_NAME = :unit "
                        + "AND PRCS_BUS_DT = :date AND PRCS_INST_ID <> :current ORDER BY PRCS_INST_ID")
                .bind("stream", streamId).bind("unit", unit).bind("date", businessDate).bind("current", current)
                .map((rs, ctx) -> map(rs)).list();
    }

    /** How often the unit failed for that date on a load file with these bytes (FAILED rows with that SHA-256). */
    public long failedAttempts(Handle h, int streamId, String unit, LocalDate businessDate, String sha256) {
        return h.createQuery("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE STRM_ID = :stream AND PRCS_NAME = :unit "
                        + "AND PRCS_BUS_DT = :date AND FILE_SHA256 = :sha AND PRCS_STATUS = 'FAILED'")
                .bind("stream", streamId).bind("unit", unit).bind("date", businessDate).bind("sha", sha256)
                .mapTo(Long.class).one();
    }

    /** How many units of the stream ended COMPLETED with rows written: loads its target table should hold. */
    public long completedLoads(Handle h, int streamId) {
        return h.createQuery("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE STRM_ID = :stream AND PRCS_STATUS = 'COMPLETED' "
                        + "AND ROWS_WRITTEN > 0")
                .bind("stream", streamId).mapTo(Long.class).one();
    }

    /** Marks the stream's RUNNING units ABANDONED (their run's owner is gone). */
    public int abandonRunning(Handle h, int streamId) {
        return h.createUpdate("UPDATE DCF_T_PRCS_INST SET PRCS_STATUS = 'ABANDONED', PRCS_END_TS = :ts, "
                        + "ERROR_MESSAGE = 'owner ' || COALESCE(OWNER_ID, '?') || ' ended during the load; the unit is loaded again by the next run' "
                        + "WHERE STRM_ID = :stream AND PRCS_STATUS = 'RUNNING'")
                .bind("ts", clock.now()).bind("stream", streamId).execute();
    }

    public List<UnitRecord> ofRun(Handle h, long runId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM DCF_T_PRCS_INST WHERE STRM_INST_ID = :run ORDER BY PRCS_INST_ID")
                .bind("run", runId).map((rs, ctx) -> map(rs)).list();
    }

    public Optional<UnitRecord> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM DCF_T_PRCS_INST WHERE PRCS_INST_ID = :id")
                .bind("id", id).map((rs, ctx) -> map(rs)).findOne();
    }

    private static UnitRecord map(ResultSet rs) throws SQLException {
        BigDecimal avg = rs.getBigDecimal(14);
        UnitFigures f = new UnitFigures(rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                avg == null ? 0 : avg.doubleValue(), rs.getInt(15), rs.getLong(16), rs.getLong(17), rs.getLong(18),
                rs.getBigDecimal(19));
        return new UnitRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getString(5),
                rs.getString(6), StreamLease.toLocal(rs.getTimestamp(7)), StreamLease.toLocal(rs.getTimestamp(8)),
                UnitStatus.valueOf(rs.getString(9)), f, rs.getString(20));
    }
}
