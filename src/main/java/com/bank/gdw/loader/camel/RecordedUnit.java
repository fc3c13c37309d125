package com.bank.gdw.loader.camel;

import java.util.List;

import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.unit.UnitResult;

/** A unit whose end is recorded (committed), with the file moves written down with it, still to be done. */
public record RecordedUnit(ClaimedUnit claimed, UnitResult result, List<FileMoves.Move> moves) {

    public RecordedUnit {
        moves = List.copyOf(moves);
    }
}
