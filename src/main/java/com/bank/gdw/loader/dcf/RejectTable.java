package com.bank.gdw.loader.dcf;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.feed.Reject;
import com.bank.gdw.loader.feed.Spool;

/** UTIL_TRSF_EROR_RQM3: the rejected and duplicate records of each unit. */
public final class RejectTable {

    private static final int BATCH = 1000;

    /** A stored reject: file line number, reason code, column (null for a whole-record reason) and offending value. */
    public record Row(long line, String reason, String column, String value) { }

    private final DcfClock clock;
    private final DatabaseKind kind;

    public RejectTable(DcfClock clock, DatabaseKind kind) {
        this.clock = clock;
        this.kind = kind;
    }

    /** Inserts the spooled rejects of a unit in batches; returns how many. */
    public long insert(Handle h, long processId, String fileName, LocalDate businessDate, Spool<Reject> rejects) {
        LocalDateTime now = clock.now();
        String sql = "INSERT INTO UTIL_TRSF_EROR_RQM3 (EROR_ID, PRCS_INST_ID, SRCE_FILE_M, LINE_NUMBER, CONV_MAP_RULE_M, "
                + "TRSF_COLM_M, VALU_CHNG_BFOR_X, SRCE_EFFT_D, CREATED_TS) VALUES (" + kind.nextValue(Sequences.REJECT)
                + ", :process, :file, :line, :reason, :column, :value, :date, :ts)";
        long[] count = {0};
        PreparedBatch[] batch = {h.prepareBatch(sql)};
        rejects.forEach(r -> {
            batch[0].bind("process", processId).bind("file", fileName).bind("line", r.lineNumber())
                    .bind("reason", r.reason().name()).bind("column", r.column()).bind("value", r.value())
                    .bind("date", businessDate).bind("ts", now).add();
            if (++count[0] % BATCH == 0) {
                batch[0].execute();
                batch[0] = h.prepareBatch(sql);
            }
        });
        if (count[0] % BATCH != 0) {
            batch[0].execute();
        }
        return count[0];
    }

    /** The rejects of a unit in line order, {@code limit} of them from {@code offset}. */
    public static List<Row> page(Handle h, long processId, int limit, long offset) {
        return h.createQuery("SELECT LINE_NUMBER, CONV_MAP_RULE_M, TRSF_COLM_M, VALU_CHNG_BFOR_X FROM UTIL_TRSF_EROR_RQM3 "
                        + "WHERE PRCS_INST_ID = :process ORDER BY LINE_NUMBER, EROR_ID LIMIT " + limit + " OFFSET " + offset)
                .bind("process", processId)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** How many rejects of a unit per reason, in reason order. */
    public static Map<String, Long> countsByReason(Handle h, long processId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        h.createQuery("SELECT CONV_MAP_RULE_M, COUNT(*) FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = :process "
                        + "GROUP BY CONV_MAP_RULE_M ORDER BY CONV_MAP_RULE_M")
                .bind("process", processId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }
}
