package com.bank.gdw.loader.load;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.fault.Checkpoint;

/** The bulk writer of each kind of target database. */
public final class TargetWriters {

    private TargetWriters() {
    }

    public static TargetWriter forKind(DatabaseKind kind) {
        return forKind(kind, null, Checkpoint.NONE);
    }

    /**
     * {@code snowflakeStage}: the stage a Snowflake target stages its files in; blank for the staging table's own.
     * {@code checkpoint}: passed by the Snowflake writer after its COPY.
     */
    public static TargetWriter forKind(DatabaseKind kind, String snowflakeStage, Checkpoint checkpoint) {
        return switch (kind) {
            case DUCKDB -> new DuckDbTargetWriter();
            case SNOWFLAKE -> new SnowflakeStageWriter(snowflakeStage, checkpoint);
            case POSTGRESQL -> new PostgresCopyWriter();
            default -> throw new UnsupportedOperationException("no bulk writer for " + kind + " yet");
        };
    }
}
