package com.bank.gdw.loader.camel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.stream.LoadUnit;

/** One unit on its way through the unit route: its process instance, outcome and the file moves decided for it. */
public final class UnitWork {

    private final StreamRun run;
    private final LoadUnit unit;
    private final long processId;
    private final Instant started = Instant.now();
    private UnitResult result;
    private String sha256;
    private boolean unrecorded;
    private final List<FileMoves.Move> moves = new ArrayList<>();

    UnitWork(StreamRun run, LoadUnit unit, long processId) {
        this.run = run;
        this.unit = unit;
        this.processId = processId;
    }

    public StreamRun run() {
        return run;
    }

    public LoadUnit unit() {
        return unit;
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
