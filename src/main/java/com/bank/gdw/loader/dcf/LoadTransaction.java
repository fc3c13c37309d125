package com.bank.gdw.loader.dcf;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The open transaction of one unit's load: one handle when the target tables live in the DCF database, else one on
 * each, the target committed first (a crash between the two leaves rows the next load of the unit replaces). Closed
 * uncommitted, it rolls back.
 */
public final class LoadTransaction implements AutoCloseable {

    private final Handle dcf;
    private final Handle target;

    private LoadTransaction(Handle dcf, Handle target) {
        this.dcf = dcf;
        this.target = target;
    }

    /** @param targetJdbi the target database's, or null when the target tables live in the DCF database */
    static LoadTransaction open(Jdbi dcfJdbi, Jdbi targetJdbi) {
        Handle h = dcfJdbi.open();
        Handle th = null;
        try {
            if (targetJdbi != null) {
                th = targetJdbi.open();
                th.begin();
            }
            h.begin();
            return new LoadTransaction(h, th);
        } catch (RuntimeException e) {
            if (th != null) {
                th.close();
            }
            h.close();
            throw e;
        }
    }

    /** The DCF database's handle. */
    public Handle dcf() {
        return dcf;
    }

    /** The handle the target rows are written through: the DCF one when they share the database. */
    public Handle target() {
        return target != null ? target : dcf;
    }

    public void commit() {
        if (target != null) {
            target.commit();
        }
        dcf.commit();
    }

    public void rollback() {
        if (target != null && target.isInTransaction()) {
            target.rollback();
        }
        if (dcf.isInTransaction()) {
            dcf.rollback();
        }
    }

    @Override
    public void close() {
        try {
            rollback();
        } catch (RuntimeException e) {
            // a lost connection rolls back by itself; the error to report is the one that broke the load
        } finally {
            if (target != null) {
                target.close();
            }
            dcf.close();
        }
    }
}
