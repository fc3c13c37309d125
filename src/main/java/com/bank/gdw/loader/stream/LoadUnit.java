package com.bank.gdw.loader.stream;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One unit of a business date: its trigger file and, when present, its load file; {@code otherLoadFile} is a second
 * load file of the unit (the plain and the gzip name both there), which makes the unit impossible to load as it is.
 * {@code notRegularLoadFile} says, when there is no load file, what discovery passed over at its name instead (e.g.
 * "X is a directory, not a regular file"), so the unit's failure names what is there rather than calling it missing.
 */
public record LoadUnit(String unit, LocalDate businessDate, Path triggerFile, Path loadFile, Path otherLoadFile,
                       String notRegularLoadFile) {

    public LoadUnit(String unit, LocalDate businessDate, Path triggerFile, Path loadFile) {
        this(unit, businessDate, triggerFile, loadFile, null, null);
    }

    /** DataStage order: ascending business date, then prefix. */
    public static final Comparator<LoadUnit> ORDER = Comparator.comparing(LoadUnit::businessDate).thenComparing(LoadUnit::unit);

    public boolean hasLoadFile() {
        return loadFile != null;
    }

    /** Its files in landing: the trigger, then the load files there are. */
    public List<Path> files() {
        return Stream.of(triggerFile, loadFile, otherLoadFile).filter(Objects::nonNull).toList();
    }

    /** The name the report and DCF rows use for the unit's file: the load file, else the trigger. */
    public String fileName() {
        return (loadFile != null ? loadFile : triggerFile).getFileName().toString();
    }
}
