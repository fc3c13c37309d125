package com.bank.gdw.loader.camel;

import java.time.Instant;

import com.bank.gdw.loader.stream.LoadUnit;

/**
 * A unit with its process instance, its files still in landing.
 *
 * @param landed  the unit as it arrived, its files named in landing: what reports and lineage name it by
 * @param started when the process instance was drawn: the unit's duration runs from here to its file moves
 */
public record StartedUnit(StreamRun run, LoadUnit landed, long processId, Instant started) { }
