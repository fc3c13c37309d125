package com.bank.gdw.loader.dcf;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

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

    /** Writes one row. */
    public void write(Handle h, Entry e) {
        bound(h.createUpdate(insert()), e, clock.now()).execute();
    }

    /** Writes the rows in one batch. */
    public void writeAll(Handle h, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        LocalDateTime now = clock.now();
        PreparedBatch batch = h.prepareBatch(insert());
        entries.forEach(e -> bound(batch, e, now).add());
        batch.execute();
    }

    /**
     * The names among {@code fileNames} of which a WARN of the stream is already in the log (bad names are reported
     * once): one query however many there are, so keep the list to a page.
     */
    public Set<String> warned(Handle h, int streamId, Collection<String> fileNames) {
        if (fileNames.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(h.createQuery("SELECT DISTINCT FILE_NAME FROM DCF_T_PRCS_EXEC_LOG WHERE STRM_ID = :stream "
                        + "AND MESSAGE_TYPE = 'WARN' AND FILE_NAME IN (<files>)")
                .bind("stream", streamId).bindList("files", List.copyOf(fileNames)).mapTo(String.class).list());
    }

    private String insert() {
        return "INSERT INTO DCF_T_PRCS_EXEC_LOG (EXEC_LOG_ID, STRM_ID, STRM_NAME, PRCS_INST_ID, PRCS_NAME, PRCS_START_TS, "
                + "PRCS_END_TS, PRCS_STATUS, PRCS_STATISTICS, EXEC_USER_ID, MESSAGE_TYPE, MESSAGE_TEXT, STRM_INST_ID, "
                + "FILE_NAME, LOG_TS) VALUES (" + kind.nextValue(Sequences.EXEC_LOG) + ", :stream, :name, :process, :unit, "
                + ":start, :end, :status, :stats, :user, :level, :text, :run, :file, :ts)";
    }

    private <S extends SqlStatement<S>> S bound(S statement, Entry e, LocalDateTime now) {
        return statement.bind("stream", e.streamId()).bind("name", e.streamName())
                .bind("process", e.processId()).bind("unit", e.unit()).bind("start", e.start()).bind("end", e.end())
                .bind("status", e.status()).bind("stats", e.statistics()).bind("user", user).bind("level", e.level().name())
                .bind("text", Texts.cut(e.text())).bind("run", e.runId()).bind("file", e.fileName()).bind("ts", now);
    }
}
