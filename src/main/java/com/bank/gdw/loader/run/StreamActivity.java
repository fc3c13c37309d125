package com.bank.gdw.loader.run;

import java.time.Instant;

/** What a stream is doing right now in this instance, for JMX, the dashboard and progress logs. */
public final class StreamActivity {

    private volatile Long runId;
    private volatile String currentUnit;
    private volatile long rowsDone;
    private volatile Instant unitStarted;
    private volatile double rowsPerSecond;
    private volatile long databaseWaitSeconds;
    private volatile Long lastRunId;
    private volatile String lastRunStatus;
    private volatile Instant lastRunEnd;

    public void runStarted(long id) {
        runId = id;
    }

    public void unitStarted(String unit) {
        currentUnit = unit;
        rowsDone = 0;
        rowsPerSecond = 0;
        databaseWaitSeconds = 0;
        unitStarted = Instant.now();
    }

    /** The reader has read {@code rows} records and goes on. */
    public void progress(long rows) {
        databaseWaitSeconds = 0;
        rate(rows);
    }

    /**
     * The reader, at {@code rows} records, has waited {@code millis} for the database (to take a batch, or to finish
     * after the last row); 0 when the wait is over.
     */
    public void waiting(long rows, long millis) {
        databaseWaitSeconds = millis / 1000;
        rate(rows);
    }

    private void rate(long rows) {
        rowsDone = rows;
        Instant s = unitStarted;
        if (s != null) {
            double seconds = Math.max(0.001, (Instant.now().toEpochMilli() - s.toEpochMilli()) / 1000.0);
            rowsPerSecond = rows / seconds;
        }
    }

    public void unitEnded() {
        currentUnit = null;
        databaseWaitSeconds = 0;
    }

    public void runEnded(long id, String status) {
        runId = null;
        currentUnit = null;
        lastRunId = id;
        lastRunStatus = status;
        lastRunEnd = Instant.now();
    }

    public Long runId() {
        return runId;
    }

    public String currentUnit() {
        return currentUnit;
    }

    public long rowsDone() {
        return rowsDone;
    }

    public double rowsPerSecond() {
        return rowsPerSecond;
    }

    /** How long the current unit has been waiting for the database, whole seconds as last reported; 0 while rows flow. */
    public long databaseWaitSeconds() {
        return databaseWaitSeconds;
    }

    public Long lastRunId() {
        return lastRunId;
    }

    public String lastRunStatus() {
        return lastRunStatus;
    }

    public Instant lastRunEnd() {
        return lastRunEnd;
    }
}
