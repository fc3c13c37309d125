package com.bank.gdw.loader.cli;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.camel.RunRequest;
import com.bank.gdw.loader.unit.UnitResult;
import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.error.ControlCharacters;
import com.bank.gdw.loader.error.ErrorLine;
import com.bank.gdw.loader.stream.FileNaming;
import com.bank.gdw.loader.stream.StreamDefinition;

/** One run for one business date, then exit: for enterprise schedulers. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the stream once for a business date and exit.%n"
                + "Exit codes: 0 completed, 1 failed, 2 bad arguments or configuration, 3 no source data, "
                + "4 stream inactive or already running (or a running serve holds the embedded database file).%n"
                + "A rerun that finds no new file but finishes archiving a unit of the date that a killed run loaded "
                + "exits 0 and prints which files it archived.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--date", required = true, paramLabel = "YYYYMMDD", description = "Business date to load.")
    String date;

    @Option(names = "--batch-id", paramLabel = "ID", description = "Batch id recorded for the run (default: generated).")
    String batchId;

    @Option(names = "--stream", paramLabel = "CODE", description = "Stream code (default: the only configured stream).")
    String stream;

    @Override
    public Integer call() {
        LocalDate businessDate = FileNaming.parseDate(date);
        if (businessDate == null) {
            throw new IllegalArgumentException("--date " + date + " is not a date YYYYMMDD");
        }
        if (batchId != null && (batchId.isBlank() || batchId.length() > RunRequest.MAX_BATCH_ID)) {
            // checked here: the database would refuse it only once the run is open, as an SQL error
            throw new IllegalArgumentException("--batch-id must be 1 to " + RunRequest.MAX_BATCH_ID + " characters, not "
                    + batchId.length());
        }
        if (batchId != null && batchId.chars().anyMatch(Character::isISOControl)) {
            // it goes into the log and the report mail, where a line break would make a line of its own
            throw new IllegalArgumentException("--batch-id must not hold control characters: " + ControlCharacters.escaped(batchId));
        }
        // an unknown --stream is refused before the loader starts (it would make the data directory and migrate first)
        LoaderProperties.load().streams().only(stream);
        try (CamelSession session = CamelSession.start()) {
            StreamDefinition s = session.loader().streams().only(stream);
            RunOutcome outcome = session.context().createProducerTemplate().requestBody("direct:" + s.code() + "-run",
                    new RunRequest(businessDate, TriggerType.MANUAL, batchId), RunOutcome.class);
            print(outcome);
            return outcome.exitCode();
        }
    }

    /** The result, one line per unit and one for the run, whatever lines a message brought (README: for schedulers). */
    private void print(RunOutcome o) {
        if (o.refused()) {
            out().println(o.stream() + " " + o.businessDate() + ": refused: " + ErrorLine.folded(o.message()));
            return;
        }
        for (UnitResult u : o.units()) {
            out().printf("  %-50s %-18s input %d, written %d, rejected %d, duplicates %d%s%n", u.fileName(), u.status(),
                    u.figures().inputRows(), u.figures().rowsWritten(), u.figures().rejectedRows(), u.figures().duplicateRows(),
                    u.error() != null ? " - " + ErrorLine.folded(u.error()) : "");
        }
        // one line per unit whose archive recovery finished: why a run that found no source data may still end 0
        Map<Long, List<Recovery.Archived>> finished = o.archivesFinished().stream()
                .collect(Collectors.groupingBy(Recovery.Archived::processId, LinkedHashMap::new, Collectors.toList()));
        finished.values().forEach(files -> out().println(o.stream() + " " + files.get(0).businessDate() + ": finished archiving unit "
                + files.get(0).unit() + " (process instance " + files.get(0).processId() + "): "
                + files.stream().map(a -> a.file().getFileName().toString()).collect(Collectors.joining(", "))));
        out().println(o.stream() + " " + o.businessDate() + ": run " + (o.runId() == null ? "-" : o.runId()) + " "
                + o.status() + (o.message() != null ? ": " + ErrorLine.folded(o.message()) : ""));
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
