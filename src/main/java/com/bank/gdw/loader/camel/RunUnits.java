package com.bank.gdw.loader.camel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.dcf.RunLedger;
import com.bank.gdw.loader.error.ControlCharacters;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.run.RunRules;
import com.bank.gdw.loader.stream.FileSettling;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.UnitDiscovery;

/** GetFileList, CntlFileList and the loop's end: the run's ready units, and after each unit whether the run goes on. */
public final class RunUnits {

    private static final Logger LOG = LoggerFactory.getLogger(RunUnits.class);

    private final RunLedger ledger;
    private final FileSettling settling;
    private final Path landing;
    private final Checkpoint checkpoint;

    public RunUnits(RunLedger ledger, FileSettling settling, Path landing, Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.ledger = ledger;
        this.settling = settling;
        this.landing = landing;
    }

    /** The ready units of the run's date, in order; files that must never be loaded are reported once. */
    public List<LoadUnit> discover(StreamRun run) throws InterruptedException {
        StreamDefinition stream = run.stream();
        UnitDiscovery.Listing listing = new UnitDiscovery(stream, landing).list();
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, String> warnings = new LinkedHashMap<>();
        listing.badFiles().forEach((file, reason) -> {
            String name = file.getFileName().toString();
            reasons.put(name, reason);
            // shown escaped: a name holding a line break would write a line of its own into the log
            warnings.put(name, ControlCharacters.escaped(name) + ": never loaded: " + reason + "; left in " + landing);
        });
        for (String name : ledger.neverLoaded(stream, run.id(), warnings)) {
            LOG.warn("{}: never loaded: {}; left in the landing directory", ControlCharacters.escaped(name), reasons.get(name));
        }
        List<LoadUnit> units = listing.unitsOf(run.businessDate());
        List<LoadUnit> ready = settling.awaitSettled(units, LoadUnit::files);
        for (LoadUnit u : units) {
            if (!ready.contains(u)) {
                LOG.warn("{}: {} is still being written; left for the next run", stream.name(), u.fileName());
            }
        }
        run.units(ready);
        LOG.info("{} unit(s) of {} ready: {}", ready.size(), run.businessDate(), ready.stream().map(LoadUnit::unit).toList());
        return ready;
    }

    /** After each unit: the run takes its result, and stops when RunRules say so (the remaining units stay in landing). */
    public void afterUnit(StreamRun run, EndedUnit ended) {
        run.add(ended.result());
        if (ended.leaseLost()) {
            run.loseLease();
        }
        RunRules.stopAfter(ended.result(), ended.stopsRun(), run.stream().continueOnUnitFailure(), run.leaseLost()).ifPresent(reason -> {
            run.stop(reason);
            LOG.warn("run {} stops: {}", run.id(), reason);
        });
        checkpoint.reach("between-units");
    }
}
