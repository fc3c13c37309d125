package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where files arrive, wait while a unit holds them, go and are written: landing, inprocess (a unit's claimed files,
 * {@code inprocess/<process id>/}), archives, error, reports and scratch space.
 */
public record Directories(Path landing, Path inprocess, Path archiveLoad, Path archiveTrigger, Path error, Path reports, Path work) {

    /** The default layout under one data directory (LOADER_DATA_DIR). */
    public static Directories under(Path data) {
        return new Directories(data.resolve("landing"), data.resolve("inprocess"), data.resolve("archive/outbound"),
                data.resolve("archive/inbound"), data.resolve("error"), data.resolve("reports"), data.resolve("work"));
    }

    /**
     * Creates the directories, and refuses (IllegalArgumentException: exit code 2) an inprocess directory on another file
     * system than landing: a unit claims its files by an atomic rename, which cannot cross file systems.
     */
    public Directories create() {
        for (Path p : new Path[] {landing, inprocess, archiveLoad, archiveTrigger, error, reports, work}) {
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create directory " + p + ": " + e.getMessage(), e);
            }
        }
        try {
            if (!Files.getFileStore(landing).equals(Files.getFileStore(inprocess))) {
                throw new IllegalArgumentException("loader.dir.inprocess (" + inprocess + ") is not on the file system of "
                        + "loader.dir.landing (" + landing + "): a unit claims its files by an atomic rename from landing into "
                        + "inprocess, so both must be on one file system (one volume); set LOADER_DIR_INPROCESS to a directory "
                        + "there, e.g. " + landing.resolve(".inprocess"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the file systems of " + landing + " and " + inprocess + ": " + e.getMessage(), e);
        }
        return this;
    }
}
