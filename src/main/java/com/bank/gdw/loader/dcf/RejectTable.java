package com.bank.gdw.loader.dcf;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.feed.Reject;
import com.bank.gdw.loader.feed.Spool;

/** UTIL_TRSF_EROR_RQM3: the rejected and duplicate records of each unit. */
public final class RejectTable {

    private static final int BATCH = 1000;

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
}
