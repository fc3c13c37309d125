package com.bank.gdw.loader.load;

import com.bank.gdw.loader.db.DatabaseKind;

/** The bulk writer of each kind of target database. */
public final class TargetWriters {

    private TargetWriters() {
    }

    public static TargetWriter forKind(DatabaseKind kind) {
        return forKind(kind, null);
    }

    /** {@code snowflakeStage}: the stage a Snowflake target stages its files in; blank for the staging table's own. */
    public static TargetWriter forKind(DatabaseKind kind, String snowflakeStage) {
        return switch (kind) {
            case DUCKDB -> new DuckDbTargetWriter();
            case SNOWFLAKE -> new SnowflakeStageWriter(snowflakeStage);
            case POSTGRESQL -> new PostgresCopyWriter();
            default -> throw new UnsupportedOperationException("no bulk writer for " + kind + " yet");
        };
    }
}
