package com.bank.gdw.loader.load;

import java.sql.Connection;
import java.sql.SQLException;

import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Writes units into a target table with the database's bulk path. Every method runs inside the caller's
 * transaction; nothing is committed here, so a unit is all or nothing.
 */
public interface TargetWriter {

    /** Creates the target table (and anything the writer needs beside it) when absent. */
    void prepare(Connection c, StreamDefinition stream) throws SQLException;

    /**
     * Writes every batch of the source as the unit's rows and removes the rows of the replaced process instances
     * that the new file no longer has; returns the number of rows written.
     *
     * @throws KeyConflictException when a direct write met a key of another unit (retry with {@link TargetLoad#withStaging()})
     */
    long write(Connection c, TargetLoad load, BatchSource rows) throws SQLException, InterruptedException;

    /** True when the unit's rows already hold the business key of {@code row} of the batch. */
    boolean holdsKey(Connection c, TargetLoad load, RecordBatch batch, int row) throws SQLException;

    /** Writes one more row for the unit, replacing a row of the same key. */
    void writeRow(Connection c, TargetLoad load, RecordBatch batch, int row) throws SQLException;

    /** What the target holds for the unit's process instance, read inside the transaction. */
    Reconciliation reconcile(Connection c, TargetLoad load) throws SQLException;
}
