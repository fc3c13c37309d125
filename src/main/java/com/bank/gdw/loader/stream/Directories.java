package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where files arrive, go and are written: landing, archives, error, reports and scratch space. */
public record Directories(Path landing, Path archiveLoad, Path archiveTrigger, Path error, Path reports, Path work) {

    /** The default layout under one data directory (LOADER_DATA_DIR). */
    public static Directories under(Path data) {
        return new Directories(data.resolve("landing"), data.resolve("archive/outbound"), data.resolve("archive/inbound"),
                data.resolve("error"), data.resolve("reports"), data.resolve("work"));
    }

    public Directories create() {
        for (Path p : new Path[] {landing, archiveLoad, archiveTrigger, error, reports, work}) {
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create directory " + p + ": " + e.getMessage(), e);
            }
        }
        return this;
    }
}
