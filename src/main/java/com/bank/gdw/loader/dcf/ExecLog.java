package com.bank.gdw.loader.dcf;

import java.time.LocalDateTime;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.db.DatabaseKind;

/** DCF_T_PRCS_EXEC_LOG: the execution log (seed update_process_metadata). */
public final class ExecLog {

    /** MESSAGE_TYPE. */
    public enum Level { INFO, WARN, ERROR }

    /** One log row; {@code statistics} is JSON or null. */
    public record Entry(int streamId, String streamName, Long runId, Long processId, String unit, LocalDateTime start,
                        LocalDateTime end, String status, String statistics, Level level, String text, String fileName) {

        public static Entry stream(int streamId, String streamName, Long runId, Level level, String text, String fileName) {
            return new Entry(streamId, streamName, runId, null, null, null, null, null, null, level, text, fileName);
        }
    }

    private final DcfClock clock;
    private final DatabaseKind kind;
    private final String user = System.getProperty("user.name", "loader");

    public ExecLog(DcfClock clock, DatabaseKind kind) {
        this.clock = clock;
        this.kind = kind;
    }

    public void write(Handle h, Entry e) {
        h.createUpdate("INSERT INTO DCF_T_PRCS_EXEC_LOG (EXEC_LOG_ID, STRM_ID, STRM_NAME, PRCS_INST_ID, PRCS_NAME, PRCS_START_TS, "
                        + "PRCS_END_TS, PRCS_STATUS, PRCS_STATISTICS, EXEC_USER_ID, MESSAGE_TYPE, MESSAGE_TEXT, STRM_INST_ID, "
                        + "FILE_NAME, LOG_TS) VALUES (:id, :stream, :name, :process, :unit, :start, :end, :status, :stats, :user, "
                        + ":level, :text, :run, :file, :ts)")
                .bind("id", Sequences.next(h, kind, Sequences.EXEC_LOG)).bind("stream", e.streamId()).bind("name", e.streamName())
                .bind("process", e.processId()).bind("unit", e.unit()).bind("start", e.start()).bind("end", e.end())
                .bind("status", e.status()).bind("stats", e.statistics()).bind("user", user).bind("level", e.level().name())
                .bind("text", Texts.cut(e.text())).bind("run", e.runId()).bind("file", e.fileName()).bind("ts", clock.now())
                .execute();
    }

    /** True when a WARN about this file of the stream is already in the log (bad names are reported once). */
    public boolean warned(Handle h, int streamId, String fileName) {
        return h.createQuery("SELECT COUNT(*) FROM DCF_T_PRCS_EXEC_LOG WHERE STRM_ID = :stream AND FILE_NAME = :file "
                        + "AND MESSAGE_TYPE = 'WARN'")
                .bind("stream", streamId).bind("file", fileName).mapTo(Integer.class).one() > 0;
    }
}
