package com.bank.gdw.loader.camel;

import java.time.Duration;

import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.unit.UnitResult;

/**
 * Told when a unit or a run of a stream ends, so operations (metrics) can follow the loads without reading the DCF
 * tables. Called on the loading thread after the outcome is committed: implementations must be quick and must not throw.
 */
public interface RunListener {

    /** A unit with a process instance ended (any final status); {@code took} from its start to its file moves. */
    default void unitEnded(StreamDefinition stream, UnitResult result, Duration took) {
    }

    /** A run request ended: closed, or refused before a run was opened ({@code took} is null then). */
    default void runEnded(StreamDefinition stream, RunOutcome outcome, Duration took) {
    }
}
