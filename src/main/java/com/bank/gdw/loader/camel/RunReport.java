package com.bank.gdw.loader.camel;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.dcf.ExecLog;
import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.dcf.LeaseLostException;
import com.bank.gdw.loader.dcf.RunLedger;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.error.ErrorLine;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.report.RunSummary;
import com.bank.gdw.loader.run.RunVerdict;

/** Header_File, Concat_File: the CSV, JSON and reject reports of a run as it stands, written only by the lease's holder. */
public final class RunReport {

    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

    private final RunLedger ledger;
    private final LoadReport report;
    private final Checkpoint checkpoint;

    public RunReport(RunLedger ledger, LoadReport report, Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.ledger = ledger;
        this.report = report;
    }

    /** The reports of the run with the verdict it would end with now. */
    public RunSummary report(StreamRun run) {
        return report(run, run.verdict(null));
    }

    RunSummary report(StreamRun run, RunVerdict v) {
        checkpoint.reach("before-report");
        LoadReport.Run r = new LoadReport.Run(run.stream(), run.id(), run.businessDate(), run.batchId(), v.status().name(),
                run.trigger().name(), run.units().size(), run.started(), Instant.now(),
                run.results().stream().map(u -> new LoadReport.Unit(u.fileName(), u.unit().unit(), u.processId(), u.status().name(),
                        u.figures(), u.error())).toList(), v.message());
        RunSummary summary = report.summarize(r);
        if (v.status() != RunStatus.NO_DATA_AVAILABLE) {
            try {
                // written while the lease row is held (where rows are locked), so only the lease's holder writes reports
                ledger.underLease(run.stream(), h -> {
                    report.write(r, summary);
                    report.writeRejects(h, r, id -> FileMoves.loadFileOf(h, id));
                });
            } catch (LeaseLostException e) {
                run.loseLease();
                LOG.error("the load report is not written: {}", e.getMessage());
            } catch (RuntimeException e) {
                // the loaded data stands, so the run keeps its outcome; the DCF says the report is incomplete
                String text = "the load report is incomplete: " + ErrorLine.folded(e.getMessage());
                LOG.error(text);
                try {
                    ledger.log(run.stream(), run.id(), ExecLog.Level.ERROR, text);
                } catch (RuntimeException notRecorded) {
                    LOG.error("cannot record that in the execution log: {}", notRecorded.getMessage());
                }
            }
        }
        run.summary(summary);
        return summary;
    }
}
