package com.bank.gdw.loader.dcf;

import java.time.Duration;

import org.jdbi.v3.core.Jdbi;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.fault.Checkpoint;

/** The DCF tables of one database, each behind its repository. */
public record ControlTables(Database database, Jdbi jdbi, DcfClock clock, Owner owner, StreamRegistry streams,
                            StreamLease lease, RunRepository runs, ProcessRepository processes, ExecLog log,
                            FileMoves moves, Outbox outbox, RejectTable rejects) {

    /** The tables with the contract's retention of archived files (2555 days). */
    public static ControlTables on(Database database, DcfClock clock, Owner owner, Duration lease) {
        return on(database, clock, owner, lease, FileMoves.RETENTION_DAYS);
    }

    public static ControlTables on(Database database, DcfClock clock, Owner owner, Duration lease, int retentionDays) {
        return on(database, clock, owner, lease, retentionDays, Checkpoint.NONE);
    }

    /** {@code checkpoint}: passed mid-claim, between the claims of a unit's files. */
    public static ControlTables on(Database database, DcfClock clock, Owner owner, Duration lease, int retentionDays,
                                   Checkpoint checkpoint) {
        var kind = database.kind();
        ExecLog log = new ExecLog(clock, kind);
        return new ControlTables(database, JdbiFactory.create(database.dataSource()), clock, owner, new StreamRegistry(clock),
                new StreamLease(owner, lease, kind), new RunRepository(clock, owner, kind),
                new ProcessRepository(clock, owner, kind), log, new FileMoves(clock, kind, retentionDays, log, checkpoint),
                new Outbox(clock, kind), new RejectTable(clock, kind));
    }
}
