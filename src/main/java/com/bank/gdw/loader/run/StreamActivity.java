package com.bank.gdw.loader.run;

import java.time.Instant;

/** What a stream is doing right now in this instance, for JMX, the dashboard and progress logs. */
public final class StreamActivity {

    private volatile Long runId;
    private volatile String currentUnit;
    private volatile long rowsDone;
    private volatile Instant unitStarted;
    private volatile double rowsPerSecond;
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
        unitStarted = Instant.now();
    }

    public void progress(long rows) {
        rowsDone = rows;
        Instant s = unitStarted;
        if (s != null) {
            double seconds = Math.max(0.001, (Instant.now().toEpochMilli() - s.toEpochMilli()) / 1000.0);
            rowsPerSecond = rows / seconds;
        }
    }

    public void unitEnded() {
        currentUnit = null;
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
