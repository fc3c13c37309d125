package com.bank.gdw.loader.camel;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.dcf.LoadTransaction;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitLedger;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.ControlLine;
import com.bank.gdw.loader.feed.FeedStatistics;
import com.bank.gdw.loader.feed.FileDigest;
import com.bank.gdw.loader.feed.Reject;
import com.bank.gdw.loader.feed.Spool;
import com.bank.gdw.loader.load.LoadPipeline;
import com.bank.gdw.loader.load.LoadedFile;
import com.bank.gdw.loader.load.Reconciliation;
import com.bank.gdw.loader.load.TargetLoad;
import com.bank.gdw.loader.load.TargetWriter;
import com.bank.gdw.loader.run.ProgressLog;
import com.bank.gdw.loader.run.StreamActivities;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.unit.EarlierLoads;
import com.bank.gdw.loader.unit.UnitOutcome;
import com.bank.gdw.loader.unit.UnitRules;

/**
 * LdBCFINSGPlanBalnSegmMstr + GDWUtilProcessMetaDataFL: the unit's checks (UnitRules) around the read, validation and
 * write of its file, and its end recorded (UnitLedger): a completed load in the transaction of its rows, any other end
 * in its own.
 */
public final class UnitLoad {

    private static final Logger LOG = LoggerFactory.getLogger(UnitLoad.class);

    private final UnitLedger ledger;
    private final TargetWriter writer;
    private final LoadPipeline pipeline;
    private final DatabaseKind targetKind;
    private final StreamActivities activities;
    private final long progressMillis;
    private final Checkpoint checkpoint;

    public UnitLoad(UnitLedger ledger, TargetWriter writer, LoadPipeline pipeline, DatabaseKind targetKind,
                    StreamActivities activities, long progressMillis, Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.ledger = ledger;
        this.writer = writer;
        this.pipeline = pipeline;
        this.targetKind = targetKind;
        this.activities = activities;
        this.progressMillis = progressMillis;
    }

    /** Reads, validates, scores and gates the file, writes the target and records the outcome, all or nothing. */
    public RecordedUnit load(ClaimedUnit c) throws IOException, SQLException, InterruptedException {
        if (!c.claims().containsKey("TRIGGER")) {
            throw FileMoves.gone(c.started().landed().triggerFile());
        }
        StreamDefinition s = c.run().stream();
        LoadUnit unit = c.unit();
        Optional<UnitOutcome> ended = UnitRules.loadFile(s, unit);
        ControlLine.Reading control = ended.isEmpty() ? ControlLine.read(unit.triggerFile(), s.delimiter()) : null;
        ended = ended.or(() -> UnitRules.controlLine(unit, control));
        if (ended.isPresent()) {
            return record(c, ended.get(), null);
        }
        Path file = unit.loadFile();
        String sha = c.claimedSha256() != null ? c.claimedSha256() : FileDigest.sha256(file);
        EarlierLoads earlier = new EarlierLoads(ledger.earlierLoads(s, unit, c.processId()), ledger.separateTarget());
        ended = UnitRules.sameContent(sha, file.getFileName().toString(), earlier, c.run().trigger() == TriggerType.REPLAY);
        if (ended.isPresent()) {
            return record(c, ended.get(), null);
        }
        TargetLoad load = new TargetLoad(s, c.processId(), unit.businessDate(), ledger.now(), earlier.replaced(), false);
        Instant started = Instant.now();
        try (LoadTransaction tx = ledger.loadTransaction();
             LoadedFile loaded = pipeline.load(tx.target().getConnection(), writer, load, file,
                     ProgressLog.of(activities.of(s), file, progressMillis))) {
            FeedStatistics st = loaded.statistics();
            if (!loaded.firstRejectMessages().isEmpty()) {
                LOG.warn("{} of {} records rejected; the first:\n{}", st.rejectedRows() + st.duplicates(), st.inputRows(),
                        loaded.firstRejectMessages().strip());
            }
            UnitFigures read = UnitRules.figures(st, 0);
            ended = UnitRules.afterRead(unit, control, read, s.quality().minimumAverage(), sha);
            if (ended.isPresent()) {
                tx.rollback();
                return record(c, ended.get(), ended.get().status() == UnitStatus.QUALITY_ISSUES ? loaded.rejects() : null);
            }
            checkpoint.reach("before-reconcile");
            Reconciliation rec = writer.reconcile(tx.target().getConnection(), loaded.load());
            ended = UnitRules.reconciliation(c.processId(), rec, st.rowsAccepted(), st.amountSum(), read, sha);
            if (ended.isPresent()) {
                tx.rollback();
                return record(c, ended.get(), null);
            }
            UnitOutcome done = new UnitOutcome(UnitStatus.COMPLETED, UnitRules.figures(st, loaded.rowsWritten()), sha, null);
            UnitFigures f = done.figures();
            String statistics = c.statistics(targetKind).json(f, Duration.between(started, Instant.now()), st.rejectsByReason(), rec,
                    s.amountColumn());
            List<FileMoves.Move> moves = ledger.recordCompleted(tx.dcf(), c.ending(done, started, statistics, file.getFileName() + ": "
                    + f.rowsWritten() + " rows written, " + f.rejectedRows() + " rejected, " + f.duplicateRows() + " duplicates",
                    loaded.rejects(), true));
            checkpoint.reach("before-commit");
            tx.commit();
            checkpoint.reach("after-commit");
            LOG.info("{}: COMPLETED, {} rows written ({} rejected, {} duplicates, quality {}) in {} s", file.getFileName(),
                    f.rowsWritten(), f.rejectedRows(), f.duplicateRows(), UnitFigures.rounded(f.averageScore()),
                    UnitFigures.rounded(Duration.between(started, Instant.now()).toMillis() / 1000.0));
            return new RecordedUnit(c, c.result(done), moves);
        }
    }

    /** Records a unit that did not load (or was skipped) in its own transaction, with its rejects and file moves. */
    private RecordedUnit record(ClaimedUnit c, UnitOutcome o, Spool<Reject> rejects) {
        Instant from = c.started().started();
        List<FileMoves.Move> moves = ledger.record(c.ending(o, from, c.statistics(targetKind).json(o.figures(),
                Duration.between(from, Instant.now())), o.message(), rejects, true));
        if (o.status() == UnitStatus.SKIPPED_DUPLICATE) {
            LOG.info("{}", o.message());
        } else {
            LOG.error("{}: {}: {}", c.unit().fileName(), o.status(), o.message());
        }
        return new RecordedUnit(c, c.result(o), moves);
    }
}
