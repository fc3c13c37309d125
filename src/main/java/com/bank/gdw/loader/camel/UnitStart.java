package com.bank.gdw.loader.camel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.dcf.UnitLedger;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.run.StreamActivities;
import com.bank.gdw.loader.stream.LoadUnit;

/** The first steps of the unit route: its process instance (GetODSProcId) and the claim of its files (pINPROCESS). */
public final class UnitStart {

    private static final Logger LOG = LoggerFactory.getLogger(UnitStart.class);

    private final UnitLedger ledger;
    private final StreamActivities activities;
    private final Checkpoint checkpoint;

    public UnitStart(UnitLedger ledger, StreamActivities activities, Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.ledger = ledger;
        this.activities = activities;
    }

    /** GetODSProcId: a new process instance from the sequence, recorded RUNNING. */
    public StartedUnit start(StreamRun run, LoadUnit unit) {
        checkpoint.reach("unit-before-id");
        long id = ledger.start(run.stream(), run.id(), unit);
        MDC.put("unit", unit.unit());
        MDC.put("processId", String.valueOf(id));
        activities.of(run.stream()).unitStarted(unit.unit());
        LOG.info("unit {} ({}) started as process instance {}", unit.unit(), unit.fileName(), id);
        checkpoint.reach("unit-after-id");
        return new StartedUnit(run, unit, id, Instant.now());
    }

    /**
     * pINPROCESS: takes the unit's files out of landing into inprocess/&lt;process id&gt;/ by an atomic rename before
     * anything reads them, recording their size and SHA-256. A file renamed into landing under the same name from now
     * on is another unit, for the next run; everything later acts on the claimed files only. A trigger gone from
     * landing is missing from the claims (the load then fails the unit for it).
     */
    public ClaimedUnit claim(StartedUnit started) {
        LoadUnit unit = started.landed();
        Map<String, Path> files = new LinkedHashMap<>();
        if (unit.hasLoadFile()) {
            files.put("LOAD", unit.loadFile());
        }
        if (unit.otherLoadFile() != null) {
            // claimed with the unit so that it leaves landing with it, for the error directory
            files.put(ClaimedUnit.OTHER_LOAD, unit.otherLoadFile());
        }
        files.put("TRIGGER", unit.triggerFile());
        Map<String, FileMoves.Move> claims = ledger.claim(started.run().stream(), started.processId(), files);
        checkpoint.reach("after-claim");
        return ClaimedUnit.of(started, claims);
    }
}
