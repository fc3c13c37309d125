package com.bank.gdw.loader.report;

import java.util.List;

/**
 * The run summary stored as the LOAD_COMPLETION_REPORT / LOAD_FAILURE notification and written as the JSON report;
 * {@code rejectFiles} are the paths of the run's reject files (RejectExtract), one per unit with rejects.
 */
public record RunSummary(String streamName, int streamId, String processingDate, String batchId, long runId, String status,
                         String trigger, LoadSummary loadSummary, QualityMetrics qualityMetrics,
                         PerformanceMetrics performanceMetrics, String error, String reportFile, String reportCsv,
                         List<String> rejectFiles) {

    /** A summary without reject files (units without rejects, or written by a loader before reject files existed). */
    public RunSummary(String streamName, int streamId, String processingDate, String batchId, long runId, String status,
                      String trigger, LoadSummary loadSummary, QualityMetrics qualityMetrics,
                      PerformanceMetrics performanceMetrics, String error, String reportFile, String reportCsv) {
        this(streamName, streamId, processingDate, batchId, runId, status, trigger, loadSummary, qualityMetrics,
                performanceMetrics, error, reportFile, reportCsv, List.of());
    }

    /** Counts of the run and of each unit. */
    public record LoadSummary(int filesFound, int filesLoaded, long inputRows, long rowsWritten, long rejectedRows,
                              long duplicateRows, long totalRowsRejected, List<UnitLine> units) { }

    /** One unit as the report lists it. */
    public record UnitLine(String fileName, String unit, long processId, String status, long inputRows, long inputRowsRejected,
                           long duplicateRows, long rowsWritten, long totalRowsRejected, double avgDqScore, int minDqScore,
                           String qualityBand, String error) { }

    /** Record scores by band over the run (high >= 85, medium 70..84, low < 70 unless configured otherwise). */
    public record QualityMetrics(double averageScore, int minScore, long high, long medium, long low) { }

    /** How fast the run went. */
    public record PerformanceMetrics(double durationSeconds, long throughputRecordsPerMinute, long rowsPerSecond) { }
}
