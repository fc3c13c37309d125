package com.bank.gdw.loader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.Handle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.stream.QualityPolicy;
import com.bank.gdw.loader.stream.StreamDefinition;

/** The load report of a run (DataStage Header_File / Concat_File): CSV for people, JSON for systems. */
public final class LoadReport {

    public static final String CSV_HEADER = "FileName,InputRows,InputRowsRejected,DuplicateRows,RowsWritten,TotalRowsRejected";

    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One unit of the run, as the report needs it. */
    public record Unit(String fileName, String unit, long processId, String status, UnitFigures figures, String error) { }

    /** A run to report. */
    public record Run(StreamDefinition stream, long runId, LocalDate businessDate, String batchId, String status,
                      String trigger, int filesFound, Instant started, Instant finished, List<Unit> units, String error) { }

    private final Path reportsDir;
    private final Checkpoint checkpoint;

    /** {@code checkpoint}: passed mid-report, between the CSV and the JSON file. */
    public LoadReport(Path reportsDir, Checkpoint checkpoint) {
        this.reportsDir = reportsDir;
        this.checkpoint = checkpoint;
    }

    /** The CSV text: the exact header, then one line per unit. */
    public static String csv(List<Unit> units) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Unit u : units) {
            UnitFigures f = u.figures();
            sb.append(csvField(u.fileName())).append(',').append(f.inputRows()).append(',').append(f.rejectedRows()).append(',')
                    .append(f.duplicateRows()).append(',').append(f.rowsWritten()).append(',').append(f.totalRejected()).append('\n');
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    public RunSummary summarize(Run run) {
        QualityPolicy q = run.stream().quality();
        List<RunSummary.UnitLine> lines = new ArrayList<>();
        long input = 0, written = 0, rejected = 0, dups = 0, high = 0, medium = 0, low = 0, scoreWeight = 0;
        double scoreSum = 0;
        int min = 100;
        int loaded = 0;
        for (Unit u : run.units()) {
            UnitFigures f = u.figures();
            lines.add(new RunSummary.UnitLine(u.fileName(), u.unit(), u.processId(), u.status(), f.inputRows(), f.rejectedRows(),
                    f.duplicateRows(), f.rowsWritten(), f.totalRejected(), UnitFigures.rounded(f.averageScore()), f.minScore(),
                    f.inputRows() == 0 ? null : q.band(f.averageScore()).name(), u.error()));
            input += f.inputRows();
            written += f.rowsWritten();
            rejected += f.rejectedRows();
            dups += f.duplicateRows();
            high += f.highRows();
            medium += f.mediumRows();
            low += f.lowRows();
            if (f.inputRows() > 0) {
                scoreSum += f.averageScore() * f.inputRows();
                scoreWeight += f.inputRows();
                min = Math.min(min, f.minScore());
            }
            if ("COMPLETED".equals(u.status())) {
                loaded++;
            }
        }
        double seconds = Math.max(0.001, Duration.between(run.started(), run.finished()).toMillis() / 1000.0);
        String csvName = run.stream().report().csvName(run.businessDate());
        return new RunSummary(run.stream().name(), run.stream().id(), run.businessDate().toString(), run.batchId(), run.runId(),
                run.status(), run.trigger(),
                new RunSummary.LoadSummary(run.filesFound(), loaded, input, written, rejected, dups, rejected + dups, lines),
                new RunSummary.QualityMetrics(scoreWeight == 0 ? 100.0 : UnitFigures.rounded(scoreSum / scoreWeight), scoreWeight == 0 ? 100 : min,
                        high, medium, low),
                new RunSummary.PerformanceMetrics(UnitFigures.rounded(seconds), Math.round(input / seconds * 60), Math.round(input / seconds)),
                run.error(), reportsDir.resolve(csvName).toString(), csv(run.units()), rejectFiles(run));
    }

    /** The reject file of each unit with rejects (RejectExtract names them), in unit order. */
    private List<String> rejectFiles(Run run) {
        RejectExtract extract = new RejectExtract(reportsDir);
        return run.units().stream().filter(u -> u.figures().totalRejected() > 0)
                .map(u -> extract.path(run.stream().targetTable(), run.businessDate(), u.unit()).toString()).toList();
    }


    /** Writes the CSV and JSON reports of the run, each replacing the previous report of that date atomically. */
    public Path write(Run run, RunSummary summary) {
        Path csv = reportsDir.resolve(run.stream().report().csvName(run.businessDate()));
        writeAtomically(csv, summary.reportCsv());
        checkpoint.reach("mid-report");
        writeAtomically(reportsDir.resolve(run.stream().report().jsonName(run.businessDate())), toJson(summary));
        return csv;
    }

    /**
     * Writes the reject file of each unit of the run with rejects, from the reject table and the unit's file where it
     * lies now ({@code fileOf}: process id to path).
     */
    public void writeRejects(Handle h, Run run, java.util.function.LongFunction<java.util.Optional<Path>> fileOf) {
        RejectExtract extract = new RejectExtract(reportsDir);
        for (Unit u : run.units()) {
            if (u.figures().totalRejected() > 0) {
                extract.write(h, u.processId(), extract.path(run.stream().targetTable(), run.businessDate(), u.unit()),
                        fileOf.apply(u.processId()));
            }
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            WholeFile.write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file + ": " + e.getMessage(), e);
        }
    }
}
