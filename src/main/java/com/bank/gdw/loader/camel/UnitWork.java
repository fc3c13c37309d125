package com.bank.gdw.loader.camel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.stream.LoadUnit;

/** One unit on its way through the unit route: its process instance, outcome and the file moves decided for it. */
public final class UnitWork {

    private final StreamRun run;
    private final LoadUnit landed;
    private LoadUnit unit;
    private final long processId;
    private final Instant started = Instant.now();
    private UnitResult result;
    private String sha256;
    private boolean unrecorded;
    private final List<FileMoves.Move> moves = new ArrayList<>();
    private final Map<String, FileMoves.Move> claims = new LinkedHashMap<>();

    UnitWork(StreamRun run, LoadUnit unit, long processId) {
        this.run = run;
        this.landed = unit;
        this.unit = unit;
        this.processId = processId;
    }

    public StreamRun run() {
        return run;
    }

    /** The unit: its files in landing until claimed, then in inprocess. */
    public LoadUnit unit() {
        return unit;
    }

    /** The unit as it arrived, its files named in landing: what reports and lineage name it by. */
    public LoadUnit landed() {
        return landed;
    }

    /** The claims of the unit's files, by role (LOAD, TRIGGER): where each file now is, and its bytes. */
    Map<String, FileMoves.Move> claims() {
        return claims;
    }

    /** The unit's files are claimed: from now on it reads and moves them where the claims put them. */
    void claimed(Map<String, FileMoves.Move> done) {
        claims.putAll(done);
        FileMoves.Move load = done.get("LOAD");
        FileMoves.Move trigger = done.get("TRIGGER");
        unit = new LoadUnit(unit.unit(), unit.businessDate(), trigger != null ? trigger.target() : unit.triggerFile(),
                load != null ? load.target() : null);
    }

    public long processId() {
        return processId;
    }

    /** When the process instance was drawn: the unit's duration runs from here to its file moves. */
    public Instant started() {
        return started;
    }

    public UnitResult result() {
        return result;
    }

    void result(UnitResult value) {
        this.result = value;
    }

    /** SHA-256 of the load file once the load has read it, else null. */
    String sha256() {
        return sha256;
    }

    void sha256(String value) {
        this.sha256 = value;
    }

    /** True when the unit's end was not recorded because the stream lease was lost: nobody is told of it. */
    boolean unrecorded() {
        return unrecorded;
    }

    void unrecorded(boolean value) {
        this.unrecorded = value;
    }

    List<FileMoves.Move> moves() {
        return moves;
    }
}
