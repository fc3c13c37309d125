package com.bank.gdw.loader.dcf;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.feed.Reject;
import com.bank.gdw.loader.feed.Spool;
import com.bank.gdw.loader.stream.Directories;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The DCF records of a unit, each written in a transaction this ledger owns and that confirms the stream lease first:
 * its process instance, the claim of its files, its end (status, figures, rejects, execution log and the file moves
 * written down with it) and the return of its files to landing. A completed load is recorded on the load's own open
 * handle instead, so that it commits with the rows it wrote.
 */
public final class UnitLedger {

    private static final Logger LOG = LoggerFactory.getLogger(UnitLedger.class);

    /**
     * The end of a unit as recorded.
     *
     * @param start      when what the log row times began (the unit, or its load)
     * @param error      the unit's recorded error, null when it completed
     * @param logText    the execution log's message
     * @param rejects    the rejects to record, or null
     * @param claims     the claimed files to move on with this end (to the archive or error directory), or none
     */
    public record Ending(StreamDefinition stream, long runId, long processId, LoadUnit unit, LocalDateTime start, UnitStatus status,
                         UnitFigures figures, String sha256, String error, String statistics, String logText, Spool<Reject> rejects,
                         Collection<FileMoves.Move> claims) { }

    private final ControlTables dcf;
    private final Directories dirs;
    private final Jdbi targetJdbi;

    /** @param target the database of the target tables: the DCF tables' own, or another */
    public UnitLedger(ControlTables dcf, Directories dirs, Database target) {
        this.dcf = dcf;
        this.dirs = dirs;
        this.targetJdbi = target == dcf.database() ? null : JdbiFactory.create(target.dataSource());
    }

    /** True when the target tables live in another database than the DCF tables. */
    public boolean separateTarget() {
        return targetJdbi != null;
    }

    /** GetODSProcId: a new process instance from the sequence, recorded RUNNING. */
    public long start(StreamDefinition s, long runId, LoadUnit unit) {
        return dcf.jdbi().inTransaction(h -> {
            dcf.lease().fence(h, s.id());
            long pid = dcf.processes().nextId(h);
            dcf.processes().start(h, pid, runId, s.id(), s.name(), unit.unit(), unit.businessDate(), unit.fileName(),
                    unit.triggerFile().getFileName().toString());
            return pid;
        });
    }

    /** The unit's files, by role, out of landing into inprocess/&lt;process id&gt;/ (FileMoves.claim). */
    public Map<String, FileMoves.Move> claim(StreamDefinition s, long processId, Map<String, Path> files) {
        return dcf.moves().claim(dcf.jdbi(), s.id(), processId, files, dirs.inprocess(), dcf.lease());
    }

    /** The earlier process instances of the unit and date, oldest first. */
    public List<UnitRecord> earlierLoads(StreamDefinition s, LoadUnit unit, long processId) {
        return dcf.jdbi().withHandle(h -> dcf.processes().earlierLoads(h, s.id(), unit.unit(), unit.businessDate(), processId));
    }

    /** How often the unit failed on these bytes before (the infrastructure's attempts). */
    public long failedAttempts(StreamDefinition s, LoadUnit unit, String sha256) {
        return dcf.jdbi().withHandle(h -> dcf.processes().failedAttempts(h, s.id(), unit.unit(), unit.businessDate(), sha256));
    }

    /** Records a unit's end in its own transaction; returns the file moves written down with it. */
    public List<FileMoves.Move> record(Ending e) {
        return dcf.jdbi().inTransaction(h -> {
            dcf.lease().fence(h, e.stream().id());
            return write(h, e);
        });
    }

    /**
     * Records a completed load on the load's open handle of the DCF database, its transaction left for the caller to
     * commit with the target's; the lease must still be ours at the commit (StreamLease.fence), else all rolls back.
     */
    public List<FileMoves.Move> recordCompleted(Handle h, Ending e) {
        List<FileMoves.Move> moves = write(h, e);
        dcf.lease().fence(h, e.stream().id());
        return moves;
    }

    private List<FileMoves.Move> write(Handle h, Ending e) {
        if (e.rejects() != null) {
            dcf.rejects().insert(h, e.processId(), e.unit().fileName(), e.unit().businessDate(), e.rejects());
        }
        // a unit no longer RUNNING was ended by the recovery of the lease's next holder
        if (!dcf.processes().finish(h, e.processId(), e.status(), e.sha256(), e.figures(), e.error())) {
            throw new LeaseLostException("process instance " + e.processId() + " is no longer RUNNING: the stream lease's next "
                    + "holder ended it; nothing more is recorded");
        }
        StreamDefinition s = e.stream();
        boolean info = e.status() == UnitStatus.COMPLETED || e.status() == UnitStatus.SKIPPED_DUPLICATE;
        dcf.log().write(h, new ExecLog.Entry(s.id(), s.name(), e.runId(), e.processId(), e.unit().unit(), e.start(), dcf.clock().now(),
                e.status().name(), e.statistics(), info ? ExecLog.Level.INFO : ExecLog.Level.ERROR, e.logText(), e.unit().fileName()));
        // loaded or skipped units' files go to the archive, the others' to the error directory (a corrected resend can follow)
        boolean archive = e.status().isSuccess();
        List<FileMoves.Move> moves = new ArrayList<>();
        for (FileMoves.Move claim : e.claims()) {
            Path dir = !archive ? dirs.error() : "LOAD".equals(claim.role()) ? dirs.archiveLoad() : dirs.archiveTrigger();
            moves.add(dcf.moves().plan(h, claim, dir, archive ? FileMoves.Destination.ARCHIVE : FileMoves.Destination.ERROR));
        }
        return moves;
    }

    /** MvLoadFiles / MvSrcFiles: performs a move written down with the unit's end, with its lineage. */
    public void execute(FileMoves.Move move, FileMoves.LineageFacts facts) {
        dcf.moves().execute(dcf.jdbi(), move, facts, dcf.lease());
    }

    /**
     * An infrastructure failure (database, disk) is no fault of the files: they go back to landing for the next run.
     * Without the DCF database the return cannot be written down; the file is put back all the same (never over a
     * newer one) and recovery records it, finding it in landing with the claimed bytes.
     */
    public void returnToLanding(Collection<FileMoves.Move> claims) {
        for (FileMoves.Move claim : claims) {
            try {
                dcf.moves().returnToLanding(dcf.jdbi(), claim, dirs.error(), dcf.lease());
            } catch (LeaseLostException e) {
                LOG.error("{} stays in {}: the stream lease was lost; its next holder returns it", claim.target().getFileName(),
                        claim.target().getParent());
                return;
            } catch (RuntimeException e) {
                LOG.error("cannot return {} to landing through the DCF tables ({}); putting it back unrecorded, recovery records it",
                        claim.target().getFileName(), e.getMessage());
                dcf.moves().returnUnrecorded(claim);
            }
        }
    }

    /** The transaction of one load: on the DCF database, and on the target when that is another database. */
    public LoadTransaction loadTransaction() {
        return LoadTransaction.open(dcf.jdbi(), targetJdbi);
    }

    /** The DCF clock: the load's timestamp in the target rows. */
    public LocalDateTime now() {
        return dcf.clock().now();
    }
}
