package com.bank.gdw.loader.stream;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;

/** One unit of a business date: its trigger file and, when present, its load file. */
public record LoadUnit(String unit, LocalDate businessDate, Path triggerFile, Path loadFile) {

    /** DataStage order: ascending business date, then prefix. */
    public static final Comparator<LoadUnit> ORDER = Comparator.comparing(LoadUnit::businessDate).thenComparing(LoadUnit::unit);

    public boolean hasLoadFile() {
        return loadFile != null;
    }

    /** The name the report and DCF rows use for the unit's file: the load file, else the trigger. */
    public String fileName() {
        return (loadFile != null ? loadFile : triggerFile).getFileName().toString();
    }
}
