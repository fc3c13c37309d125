package com.bank.gdw.loader.stream;

import java.time.LocalDate;

/** What a file name in the landing directory means to a stream. */
public sealed interface FileName {

    /** A trigger (source) file: the unit of that date is ready. */
    record Trigger(String unit, LocalDate businessDate) implements FileName { }

    /** A load file carrying the unit's records. */
    record Load(String unit, LocalDate businessDate, boolean compressed) implements FileName { }

    /** A name of the stream's family that must never be loaded (no pattern matches, or an impossible date). */
    record Bad(String reason) implements FileName { }

    /** Not a file of this stream. */
    record Foreign() implements FileName { }
}
