package com.bank.gdw.loader.dcf;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.db.DatabaseKind;

/** Ids come from database sequences, never MAX()+1, so they are unique and increasing across instances. */
final class Sequences {

    static final String RUN = "DCF_S_STRM_INST";
    static final String PROCESS = "DCF_S_PRCS_INST";
    static final String EXEC_LOG = "DCF_S_EXEC_LOG";
    static final String LINEAGE = "DCF_S_LINEAGE";
    static final String NOTIFICATION = "DCF_S_NOTIFICATION";
    static final String FILE_MOVE = "DCF_S_FILE_MOVE";
    static final String REJECT = "DCF_S_EROR";

    private Sequences() {
    }

    /** The next value; {@code sequence} is one of the constants above, never input. */
    static long next(Handle h, DatabaseKind kind, String sequence) {
        return h.createQuery("SELECT " + kind.nextValue(sequence)).mapTo(Long.class).one();
    }
}
