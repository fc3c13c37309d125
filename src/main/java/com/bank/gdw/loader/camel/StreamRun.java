package com.bank.gdw.loader.camel;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.report.RunSummary;
import com.bank.gdw.loader.run.RunRules;
import com.bank.gdw.loader.run.RunVerdict;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.unit.UnitResult;

/**
 * One run of a stream for a business date as it passes through the routes. Its progress (the units found, their
 * results, why it stopped) is kept by the run route's steps (RunUnits, RunReport) only; the lease keeper may mark
 * the lease lost at any time.
 */
public final class StreamRun {

    private final StreamDefinition stream;
    private final long id;
    private final LocalDate businessDate;
    private final String batchId;
    private final TriggerType trigger;
    private final Instant started = Instant.now();
    private final List<UnitResult> results = new ArrayList<>();
    private List<LoadUnit> units = List.of();
    private String stopReason;
    private volatile boolean leaseLost;
    private RunSummary summary;
    private List<Recovery.Archived> archivesFinished = List.of();
    private final Path landing;

    public StreamRun(StreamDefinition stream, long id, LocalDate businessDate, String batchId, TriggerType trigger, Path landing) {
        this.landing = landing;
        this.stream = stream;
        this.id = id;
        this.businessDate = businessDate;
        this.batchId = batchId;
        this.trigger = trigger;
    }

    public StreamDefinition stream() {
        return stream;
    }

    public long id() {
        return id;
    }

    public LocalDate businessDate() {
        return businessDate;
    }

    public String batchId() {
        return batchId;
    }

    public TriggerType trigger() {
        return trigger;
    }

    public Instant started() {
        return started;
    }

    public List<LoadUnit> units() {
        return units;
    }

    void units(List<LoadUnit> value) {
        this.units = List.copyOf(value);
    }

    public List<UnitResult> results() {
        return List.copyOf(results);
    }

    void add(UnitResult result) {
        results.add(result);
    }

    public String stopReason() {
        return stopReason;
    }

    void stop(String reason) {
        this.stopReason = reason;
    }

    public RunSummary summary() {
        return summary;
    }

    void summary(RunSummary value) {
        this.summary = value;
    }

    /** The files of earlier runs' units whose archive recovery finished before this run (RecoveredArchives). */
    public List<Recovery.Archived> archivesFinished() {
        return archivesFinished;
    }

    void archivesFinished(List<Recovery.Archived> value) {
        this.archivesFinished = List.copyOf(value);
    }

    public boolean leaseLost() {
        return leaseLost;
    }

    void loseLease() {
        this.leaseLost = true;
    }

    /** How the run ends if it ends now (RunRules), or with {@code error} when it broke off with one. */
    RunVerdict verdict(String error) {
        return RunRules.verdict(units.size(), results(), stopReason, error, "no ready unit for " + businessDate + " in " + landing);
    }
}
