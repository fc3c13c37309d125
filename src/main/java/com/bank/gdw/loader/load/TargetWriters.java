package com.bank.gdw.loader.load;

import com.bank.gdw.loader.db.DatabaseKind;

/** The bulk writer of each kind of target database. */
public final class TargetWriters {

    private TargetWriters() {
    }

    public static TargetWriter forKind(DatabaseKind kind) {
        return switch (kind) {
            case DUCKDB -> new DuckDbTargetWriter();
            case POSTGRESQL -> new PostgresCopyWriter();
            default -> throw new UnsupportedOperationException("no bulk writer for " + kind + " yet");
        };
    }
}
