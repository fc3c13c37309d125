package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * The keys of the directories that are landing itself (loader.dir.archive-load, ...): a file archived, failed or
     * written there would stay in landing, and every run would take it again. Inprocess may be inside landing (the
     * file drop and the sweep do not look into subdirectories), not landing itself.
     */
    public List<String> keysAtLanding() {
        Path l = landing.toAbsolutePath().normalize();
        Map<String, Path> others = new LinkedHashMap<>();
        others.put("loader.dir.inprocess", inprocess);
        others.put("loader.dir.archive-load", archiveLoad);
        others.put("loader.dir.archive-trigger", archiveTrigger);
        others.put("loader.dir.error", error);
        others.put("loader.dir.reports", reports);
        others.put("loader.dir.work", work);
        List<String> keys = new ArrayList<>();
        others.forEach((key, p) -> {
            if (p.toAbsolutePath().normalize().equals(l)) {
                keys.add(key);
            }
        });
        return keys;
    }

    /**
     * Creates the directories, and refuses (IllegalArgumentException: exit code 2) one that is landing itself
     * ({@link #keysAtLanding}), before creating any. Also refuses an inprocess directory on another file
     * system than landing: a unit claims its files by an atomic rename, which cannot cross file systems.
     */
    public Directories create() {
        List<String> atLanding = keysAtLanding();
        if (!atLanding.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", atLanding) + " must not be loader.dir.landing (" + landing
                    + "): files moved there would stay in landing and be loaded again by every run");
        }
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
