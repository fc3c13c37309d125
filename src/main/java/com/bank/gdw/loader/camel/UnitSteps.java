package com.bank.gdw.loader.camel;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.ExecLog;
import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.dcf.JdbiFactory;
import com.bank.gdw.loader.dcf.LeaseLostException;
import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitRecord;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.ControlLine;
import com.bank.gdw.loader.feed.FeedReader;
import com.bank.gdw.loader.feed.FeedStatistics;
import com.bank.gdw.loader.feed.FileDigest;
import com.bank.gdw.loader.feed.Reject;
import com.bank.gdw.loader.feed.Spool;
import com.bank.gdw.loader.load.LoadPipeline;
import com.bank.gdw.loader.load.LoadedFile;
import com.bank.gdw.loader.load.Reconciliation;
import com.bank.gdw.loader.load.TargetLoad;
import com.bank.gdw.loader.load.TargetWriter;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.stream.Directories;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.QualityPolicy;
import com.bank.gdw.loader.stream.StreamActivity;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.unit.FailureKind;
import com.bank.gdw.loader.unit.UnitFailure;

/**
 * The steps of one unit, as the unit route calls them: a process instance id (GetODSProcId), the claim of its files
 * (landing to inprocess, DataStage's pINPROCESS), the load with its checks and bookkeeping in one transaction
 * (LdBCFINSG..., GDWUtilProcessMetaDataFL), and the file moves from inprocess (MvLoadFiles, MvSrcFiles).
 */
public final class UnitSteps {

    private static final Logger LOG = LoggerFactory.getLogger(UnitSteps.class);

    private final ControlTables dcf;
    private final Database target;
    private final Jdbi targetJdbi;
    private final TargetWriter writer;
    private final LoadPipeline pipeline;
    private final Directories dirs;
    private final Map<String, StreamActivity> activity;
    private final long progressMillis;
    private final RunListener listener;
    private final int maxAttempts;
    private final Checkpoint checkpoint;

    public UnitSteps(ControlTables dcf, Database target, TargetWriter writer, LoadPipeline pipeline, Directories dirs,
                     Map<String, StreamActivity> activity, long progressMillis, RunListener listener, int maxAttempts,
                     Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.listener = listener;
        this.maxAttempts = maxAttempts;
        this.dcf = dcf;
        this.target = target;
        this.targetJdbi = target == dcf.database() ? dcf.jdbi() : JdbiFactory.create(target.dataSource());
        this.writer = writer;
        this.pipeline = pipeline;
        this.dirs = dirs;
        this.activity = activity;
        this.progressMillis = progressMillis;
    }

    /** GetODSProcId: a new process instance from the sequence, recorded RUNNING. */
    public UnitWork start(StreamRun run, LoadUnit unit) {
        StreamDefinition s = run.stream();
        checkpoint.reach("unit-before-id");
        long id = dcf.jdbi().inTransaction(h -> {
            dcf.lease().fence(h, s.id());
            long pid = dcf.processes().nextId(h);
            dcf.processes().start(h, pid, run.id(), s.id(), s.name(), unit.unit(), unit.businessDate(), unit.fileName(),
                    unit.triggerFile().getFileName().toString());
            return pid;
        });
        MDC.put("unit", unit.unit());
        MDC.put("processId", String.valueOf(id));
        activity(s).unitStarted(unit.unit());
        LOG.info("unit {} ({}) started as process instance {}", unit.unit(), unit.fileName(), id);
        checkpoint.reach("unit-after-id");
        return new UnitWork(run, unit, id);
    }

    /**
     * pINPROCESS: takes the unit's files out of landing into inprocess/&lt;process id&gt;/ by an atomic rename before
     * anything reads them, recording their size and SHA-256. A file renamed into landing under the same name from now
     * on is another unit, for the next run; everything later acts on the claimed files only.
     */
    public UnitWork claim(UnitWork w) throws NoSuchFileException {
        LoadUnit unit = w.unit();
        Map<String, Path> files = new LinkedHashMap<>();
        if (unit.hasLoadFile()) {
            files.put("LOAD", unit.loadFile());
        }
        files.put("TRIGGER", unit.triggerFile());
        w.claimed(dcf.moves().claim(dcf.jdbi(), w.run().stream().id(), w.processId(), files, dirs.inprocess(), dcf.lease()));
        checkpoint.reach("after-claim");
        if (!w.claims().containsKey("TRIGGER")) {
            throw FileMoves.gone(unit.triggerFile());
        }
        return w;
    }

    /** Reads, validates, scores and gates the file, writes the target and records the outcome, all or nothing. */
    public UnitWork load(UnitWork w) throws IOException, SQLException, InterruptedException {
        if (w.result() != null) {
            return w;
        }
        StreamDefinition s = w.run().stream();
        var unit = w.unit();
        if (!unit.hasLoadFile()) {
            return finish(w, UnitStatus.FAILED, UnitFigures.NONE, null, "load file missing: no "
                    + s.files().loadName(unit.unit(), unit.businessDate(), false) + "[.gz] for trigger " + unit.triggerFile().getFileName(), null);
        }
        ControlLine.Reading control = ControlLine.read(unit.triggerFile(), s.delimiter());
        if (control.problem() != null) {
            return finish(w, UnitStatus.CONTROL_MISMATCH, UnitFigures.NONE, null, control.problem(), null);
        }
        if (control.control() != null && !control.control().date().equals(unit.businessDate())) {
            return finish(w, UnitStatus.CONTROL_MISMATCH, UnitFigures.NONE, null, unit.triggerFile().getFileName()
                    + " line 1 column 2: control date " + control.control().date() + " differs from the file name date " + unit.businessDate(), null);
        }
        Path file = unit.loadFile();
        // the bytes the claim took and recorded (nobody else writes in inprocess); none when it could not read them
        String recorded = w.claims().get("LOAD").sha256();
        String sha = recorded != null ? recorded : FileDigest.sha256(file);
        w.sha256(sha);
        // only the unit's latest load of the date counts as the same content: the same bytes for another date carry
        // other rows (the loader sets the business date), and content a later resend replaced is not in the target
        List<UnitRecord> earlier = dcf.jdbi().withHandle(h -> dcf.processes().earlierLoads(h, s.id(), unit.unit(), unit.businessDate(), w.processId()));
        List<UnitRecord> completed = earlier.stream().filter(u -> u.status() == UnitStatus.COMPLETED).toList();
        UnitRecord latest = completed.isEmpty() ? null : completed.get(completed.size() - 1);
        // a separate target commits before the DCF tables: a process that did not end COMPLETED may still have rows
        // there (crash or failed DCF commit between the two), so its rows are replaced too, and after one the latest
        // completed load is no longer surely what the target holds
        boolean separate = target != dcf.database();
        boolean leftoversAfterLatest = separate && latest != null
                && earlier.stream().anyMatch(u -> u.id() > latest.id() && (u.status() == UnitStatus.ABANDONED || u.status() == UnitStatus.FAILED));
        // a replay is an explicit request to load these bytes again: no same-content skip
        boolean replay = w.run().trigger() == com.bank.gdw.loader.dcf.TriggerType.REPLAY;
        if (latest != null && sha.equals(latest.sha256()) && !leftoversAfterLatest && !replay) {
            return finish(w, UnitStatus.SKIPPED_DUPLICATE, UnitFigures.NONE, sha, file.getFileName() + ": same content (SHA-256 "
                    + sha.substring(0, 12) + "...) as " + latest.fileName() + ", loaded by process instance " + latest.id(), null);
        }
        List<Long> replaced = (separate ? earlier : completed).stream().map(UnitRecord::id).toList();
        TargetLoad load = new TargetLoad(s, w.processId(), unit.businessDate(), dcf.clock().now(), replaced, false);
        Instant started = Instant.now();
        try (Handle h = dcf.jdbi().open(); Handle th = target == dcf.database() ? null : targetJdbi.open()) {
            Handle targetHandle = th != null ? th : h;
            h.begin();
            if (th != null) {
                th.begin();
            }
            try {
                return loadInTransaction(w, h, th, targetHandle, load, control, sha, started);
            } catch (SQLException | InterruptedException | RuntimeException e) {
                try {
                    if (h.isInTransaction()) {
                        rollback(h, th);
                    }
                } catch (RuntimeException rollbackFailed) {
                    // a lost connection rolls back by itself; the error to report is the one that broke the load
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        }
    }

    private UnitWork loadInTransaction(UnitWork w, Handle h, Handle th, Handle targetHandle, TargetLoad load,
                                       ControlLine.Reading control, String sha, Instant started)
            throws SQLException, InterruptedException {
        StreamDefinition s = w.run().stream();
        var unit = w.unit();
        Path file = unit.loadFile();
        try (LoadedFile loaded = pipeline.load(targetHandle.getConnection(), writer, load, file, progress(s, file))) {
            FeedStatistics st = loaded.statistics();
            if (!loaded.firstRejectMessages().isEmpty()) {
                LOG.warn("{} of {} records rejected; the first:\n{}", st.rejectedRows() + st.duplicates(), st.inputRows(),
                        loaded.firstRejectMessages().strip());
            }
            UnitFigures figures = figures(st, loaded.rowsWritten(), s.quality());
            UnitFigures notWritten = figures(st, 0, s.quality());
            if (control.control() != null && control.control().count() != st.inputRows()) {
                rollback(h, th);
                return finish(w, UnitStatus.CONTROL_MISMATCH, notWritten, sha, unit.triggerFile().getFileName()
                        + " line 1 column 3: control count " + control.control().count() + " differs from the "
                        + st.inputRows() + " records in " + file.getFileName(), null);
            }
            if (st.averageScore() < s.quality().minimumAverage()) {
                rollback(h, th);
                return finish(w, UnitStatus.QUALITY_ISSUES, notWritten, sha, file.getFileName() + ": average data quality "
                        + round(st.averageScore()) + " is below the minimum " + s.quality().minimumAverage() + "; nothing loaded",
                        loaded.rejects());
            }
            checkpoint.reach("before-reconcile");
            Reconciliation rec = writer.reconcile(targetHandle.getConnection(), loaded.load());
            if (!rec.matches(st.rowsAccepted(), st.amountSum())) {
                rollback(h, th);
                return finish(w, UnitStatus.FAILED, notWritten, sha, "reconciliation failed: the target holds " + rec.rows()
                        + " rows, amount " + rec.amount() + " for process instance " + w.processId() + "; the file gave "
                        + st.rowsAccepted() + " rows, amount " + st.amountSum(), null);
            }
            dcf.rejects().insert(h, w.processId(), file.getFileName().toString(), unit.businessDate(), loaded.rejects());
            recordOutcome(h, w, UnitStatus.COMPLETED, sha, figures, null);
            dcf.log().write(h, new ExecLog.Entry(s.id(), s.name(), w.run().id(), w.processId(), unit.unit(),
                    LocalDateTime.ofInstant(started, ZoneOffset.UTC), dcf.clock().now(), UnitStatus.COMPLETED.name(),
                    statistics(w, st, figures, rec, started), ExecLog.Level.INFO,
                    file.getFileName() + ": " + figures.rowsWritten() + " rows written, " + figures.rejectedRows() + " rejected, "
                            + figures.duplicateRows() + " duplicates", file.getFileName().toString()));
            planMoves(h, w, UnitStatus.COMPLETED);
            // the lease must still be ours at the commit (StreamLease.fence says how, per database); else all rolls back
            dcf.lease().fence(h, s.id());
            checkpoint.reach("before-commit");
            if (th != null) {
                th.commit();
            }
            h.commit();
            checkpoint.reach("after-commit");
            UnitResult result = new UnitResult(w.landed(), w.processId(), UnitStatus.COMPLETED, figures, null, sha);
            w.result(result);
            LOG.info("{}: COMPLETED, {} rows written ({} rejected, {} duplicates, quality {}) in {} s", file.getFileName(),
                    figures.rowsWritten(), figures.rejectedRows(), figures.duplicateRows(), round(figures.averageScore()),
                    round((Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0));
            return w;
        }
    }

    private static void rollback(Handle h, Handle th) {
        if (th != null) {
            th.rollback();
        }
        h.rollback();
    }

    private FeedReader.Progress progress(StreamDefinition s, Path file) {
        long size = sizeOf(file);
        StreamActivity a = activity(s);
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        long[] last = {System.currentTimeMillis()};
        long begin = last[0];
        return (lines, bytes) -> {
            a.progress(lines);
            long now = System.currentTimeMillis();
            if (now - last[0] >= progressMillis) {
                last[0] = now;
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                LOG.info("{}: {} rows read, {} rows/s, {}% of the file", file.getFileName(), lines,
                        Math.round(lines * 1000.0 / Math.max(1, now - begin)), size > 0 ? Math.min(100, bytes * 100 / size) : 0);
            }
        };
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static UnitFigures figures(FeedStatistics st, long written, QualityPolicy q) {
        return new UnitFigures(st.inputRows(), st.rejectedRows(), st.duplicates(), written, st.averageScore(), st.minScore(),
                st.band(QualityPolicy.Band.HIGH), st.band(QualityPolicy.Band.MEDIUM), st.band(QualityPolicy.Band.LOW), st.amountSum());
    }

    private String statistics(UnitWork w, FeedStatistics st, UnitFigures f, Reconciliation rec, Instant started) {
        Map<String, Object> m = statisticsOf(w, f, started);
        m.put("rejects_by_reason", st.rejectsByReason());
        m.put("reconciliation_rows", rec.rows());
        m.put("reconciliation_amount", rec.amount() == null ? BigDecimal.ZERO : rec.amount());
        m.put("control_amount_column", w.run().stream().amountColumn());
        return LoadReport.toJson(m);
    }

    /** The exec-log statistics every unit gets, whatever its outcome (the contract's keys, in its order). */
    private Map<String, Object> statisticsOf(UnitWork w, UnitFigures f, Instant started) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records_processed", f.inputRows());
        m.put("records_loaded", f.rowsWritten());
        m.put("records_rejected", f.rejectedRows());
        m.put("records_duplicate", f.duplicateRows());
        m.put("quality_score_avg", round(f.averageScore()));
        m.put("quality_score_min", f.minScore());
        m.put("load_duration_seconds", round((Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0));
        m.put("warehouse_used", target.kind().name().toLowerCase() + ":" + w.run().stream().targetTable());
        m.put("processing_date", w.unit().businessDate().toString());
        m.put("batch_id", w.run().batchId());
        return m;
    }

    /** The exec-log row that ends a unit which did not load (or was skipped): its start, its figures, the message. */
    private ExecLog.Entry endEntry(UnitWork w, UnitStatus status, UnitFigures figures, String message) {
        StreamDefinition s = w.run().stream();
        return new ExecLog.Entry(s.id(), s.name(), w.run().id(), w.processId(), w.unit().unit(),
                LocalDateTime.ofInstant(w.started(), ZoneOffset.UTC), dcf.clock().now(), status.name(),
                LoadReport.toJson(statisticsOf(w, figures, w.started())),
                status == UnitStatus.SKIPPED_DUPLICATE ? ExecLog.Level.INFO : ExecLog.Level.ERROR, message, w.unit().fileName());
    }

    /** Records a unit that did not load (or was skipped) in its own transaction, with its rejects and file moves. */
    private UnitWork finish(UnitWork w, UnitStatus status, UnitFigures figures, String sha, String message, Spool<Reject> rejects) {
        dcf.jdbi().useTransaction(h -> {
            dcf.lease().fence(h, w.run().stream().id());
            if (rejects != null) {
                dcf.rejects().insert(h, w.processId(), w.unit().fileName(), w.unit().businessDate(), rejects);
            }
            recordOutcome(h, w, status, sha, figures, message);
            dcf.log().write(h, endEntry(w, status, figures, message));
            planMoves(h, w, status);
        });
        w.result(new UnitResult(w.landed(), w.processId(), status, figures, message, sha));
        if (status == UnitStatus.SKIPPED_DUPLICATE) {
            LOG.info("{}", message);
        } else {
            LOG.error("{}: {}: {}", w.unit().fileName(), status, message);
        }
        return w;
    }

    /** The unit's final status; a unit no longer RUNNING was ended by the recovery of the lease's next holder. */
    private void recordOutcome(Handle h, UnitWork w, UnitStatus status, String sha, UnitFigures figures, String message) {
        if (!dcf.processes().finish(h, w.processId(), status, sha, figures, message)) {
            throw new LeaseLostException("process instance " + w.processId() + " is no longer RUNNING: the stream lease's next "
                    + "holder ended it; nothing more is recorded");
        }
    }

    /**
     * The claimed files go from inprocess to the archive for loaded or skipped units, to the error directory for the
     * others (so a corrected resend can be dropped).
     */
    private void planMoves(Handle h, UnitWork w, UnitStatus status) {
        boolean archive = status.isSuccess();
        FileMoves.Destination d = archive ? FileMoves.Destination.ARCHIVE : FileMoves.Destination.ERROR;
        for (FileMoves.Move claim : w.claims().values()) {
            Path dir = !archive ? dirs.error() : "LOAD".equals(claim.role()) ? dirs.archiveLoad() : dirs.archiveTrigger();
            w.moves().add(dcf.moves().plan(h, claim, dir, d));
        }
    }

    /**
     * An infrastructure failure (database, disk) is no fault of the files: they go back to landing for the next run.
     * Without the DCF database the return cannot be written down; the file is put back all the same (never over a
     * newer one) and recovery records it, finding it in landing with the claimed bytes.
     */
    private void returnClaims(UnitWork w) {
        for (FileMoves.Move claim : w.claims().values()) {
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

    /** MvLoadFiles / MvSrcFiles: performs the moves written down with the outcome. */
    public UnitWork archive(UnitWork w) {
        UnitResult r = w.result();
        for (FileMoves.Move m : w.moves()) {
            FileMoves.LineageFacts facts = new FileMoves.LineageFacts(w.unit().businessDate(), w.run().stream().targetTable(),
                    "LOAD".equals(m.role()) ? r.figures().rowsWritten() : 0L);
            dcf.moves().execute(dcf.jdbi(), m, facts, dcf.lease());
            LOG.info("{} moved to {}", m.source().getFileName(), m.target());
            checkpoint.reach("mid-archive");
        }
        checkpoint.reach("after-archive");
        w.moves().clear();
        activity(w.run().stream()).unitEnded();
        if (!w.unrecorded()) {
            // listeners hear of recorded outcomes only (RunListener): a unit whose lease was lost has none
            listener.unitEnded(w.run().stream(), r, Duration.between(w.started(), Instant.now()));
        }
        MDC.remove("unit");
        MDC.remove("processId");
        return w;
    }

    /**
     * The unit broke off with an error; the unit route then goes on with its next step. A problem with the file sends
     * it to the error directory; a problem of the infrastructure (database, disk) returns the claimed files from
     * inprocess to landing for the next run, unless it failed the unit {@code loader.unit.max-attempts} times on the
     * same bytes (UnitFailure decides). A failure after the outcome was committed (moving the files) stops the run: the moves stay written
     * down and recovery finishes them.
     */
    public UnitWork fail(UnitWork w, StreamRun run, Object unit, Exception error) {
        String message = UnitFailure.of(error, unit instanceof LoadUnit u ? u.fileName() : String.valueOf(unit)).message();
        if (LeaseLostException.isCause(error)) {
            // another instance holds the stream now and puts right what this one left: record nothing, move nothing
            LOG.error("{}: stopped, the stream lease was lost: {}", w != null ? w.unit().fileName() : unit, message);
            run.loseLease();
            run.stop("the stream lease was lost to another instance");
            UnitWork lost = w != null ? w : new UnitWork(run, (LoadUnit) unit, 0);
            lost.moves().clear();
            if (lost.result() == null) {
                lost.unrecorded(true);
                lost.result(new UnitResult(lost.landed(), lost.processId(), UnitStatus.FAILED, UnitFigures.NONE, message, null));
            }
            return lost;
        }
        if (w == null) {
            LOG.error("{}: could not start: {}", unit, message, error);
            UnitWork none = new UnitWork(run, (LoadUnit) unit, 0);
            none.result(new UnitResult(none.unit(), 0, UnitStatus.FAILED, UnitFigures.NONE, message, null));
            return none;
        }
        if (w.result() != null) {
            LOG.error("{}: {} but its files could not be moved: {}; the moves are retried by the next run", w.unit().fileName(),
                    w.result().status(), message, error);
            w.moves().clear();
            run.stop("the files of " + w.unit().unit() + " could not be moved: " + message);
            return w;
        }
        UnitFailure failure = UnitFailure.of(error, w.unit().fileName());
        String sha = w.sha256() != null ? w.sha256() : w.claims().containsKey("LOAD") && w.claims().get("LOAD").sha256() != null
                ? w.claims().get("LOAD").sha256() : shaOf(w.unit());
        LOG.error("{}: FAILED: {}", w.unit().fileName(), failure.message(), error);
        // moves planned in a transaction that did not commit are void
        w.moves().clear();
        String[] recorded = {failure.message()};
        FailureKind[] kind = {failure.kind()};
        try {
            dcf.jdbi().useTransaction(h -> {
                dcf.lease().fence(h, w.run().stream().id());
                UnitFailure f = failure;
                if (f.kind() == FailureKind.INFRASTRUCTURE && sha != null) {
                    // this failure included: the same unit, date and bytes failed this often
                    long attempts = 1 + dcf.processes().failedAttempts(h, w.run().stream().id(), w.unit().unit(),
                            w.unit().businessDate(), sha);
                    f = f.afterAttempts(attempts, maxAttempts);
                }
                recorded[0] = f.message();
                kind[0] = f.kind();
                recordOutcome(h, w, UnitStatus.FAILED, sha, UnitFigures.NONE, f.message());
                dcf.log().write(h, endEntry(w, UnitStatus.FAILED, UnitFigures.NONE, f.message()));
                if (f.kind() == FailureKind.FILE) {
                    planMoves(h, w, UnitStatus.FAILED);
                }
            });
        } catch (LeaseLostException e) {
            w.moves().clear();
            w.unrecorded(true);
            run.loseLease();
            run.stop("the stream lease was lost to another instance");
            LOG.error("the failure of process instance {} is not recorded: {}", w.processId(), e.getMessage());
        } catch (RuntimeException e) {
            w.moves().clear();
            LOG.error("cannot record the failure of process instance {} ({}); recovery will mark it ABANDONED", w.processId(), e.getMessage());
        }
        if (!recorded[0].equals(failure.message())) {
            LOG.error("{}: {}", w.unit().fileName(), recorded[0]);
        }
        if (kind[0] != FailureKind.FILE && !w.unrecorded()) {
            // a unit whose lease was lost moves nothing: the lease's next holder returns its files
            returnClaims(w);
        }
        w.result(new UnitResult(w.landed(), w.processId(), UnitStatus.FAILED, UnitFigures.NONE, recorded[0], sha));
        return w;
    }

    /** SHA-256 of the unit's load file, or null when it cannot be read (then the attempts are not counted). */
    private static String shaOf(LoadUnit unit) {
        if (!unit.hasLoadFile()) {
            return null;
        }
        try {
            return FileDigest.sha256(unit.loadFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private StreamActivity activity(StreamDefinition s) {
        return activity.computeIfAbsent(s.code(), k -> new StreamActivity());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
