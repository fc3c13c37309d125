package com.bank.gdw.loader.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

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

    /**
     * Settles the unit's key suspects (records whose key fingerprint an earlier record of the file had) after
     * {@link #write}, set-based: they are staged with the bulk path, and a suspect whose key neither the unit's rows
     * nor a suspect of an earlier line hold becomes a row (replacing another unit's row of that key); every other
     * suspect repeats a key. Returns the lines of the suspects that became rows.
     */
    Set<Long> settle(Connection c, TargetLoad load, BatchSource suspects) throws SQLException, InterruptedException;

    /** What the target holds for the unit's process instance, read inside the transaction. */
    Reconciliation reconcile(Connection c, TargetLoad load) throws SQLException;
}
