package com.bank.gdw.loader.bench;

/**
 * One timed load of the benchmark file. {@code seconds} is the load itself (for the loader: its run, from the DCF
 * start and end of the stream instance, which end after the unit's commit, its archive moves and the report); {@code processSeconds}, {@code cpuSeconds} (all its threads) and
 * {@code heap} exist for the loader's child JVM, {@code cpuSeconds} also for DuckDB's import (which runs in the
 * benchmark's JVM).
 */
record Measurement(String target, long rows, long fileBytes, double seconds, Double processSeconds, Double cpuSeconds,
                   HeapPeak heap, String loadBefore, String loadAfter) {

    double rowsPerSecond() {
        return rows / seconds;
    }

    double megabytesPerSecond() {
        return fileBytes / (1024.0 * 1024.0) / seconds;
    }

    /** Rows per second over the whole child process, JVM start and Camel included. */
    double processRowsPerSecond() {
        return processSeconds == null ? rowsPerSecond() : rows / processSeconds;
    }
}
