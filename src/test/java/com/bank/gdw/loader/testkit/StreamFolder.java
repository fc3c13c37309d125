package com.bank.gdw.loader.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder of stream definitions for a test, laid out as config/ is: streams/ and the layouts/ they name. */
public final class StreamFolder {

    private StreamFolder() {
    }

    /**
     * {@code root/streams/bcfinsg.yaml}, the packaged stream with {@code due} (a YAML {@code due:} block) written before
     * its schedule, and the layout it names under {@code root/layouts}. Returns the stream's YAML file.
     */
    public static Path packagedStreamWithDue(Path root, String due) throws IOException {
        Path streams = Files.createDirectories(root.resolve("streams"));
        Files.createDirectories(root.resolve("layouts"));
        Files.copy(Path.of("config/layouts/plan_baln_segm_mstr.columns.csv"), root.resolve("layouts/plan_baln_segm_mstr.columns.csv"));
        Path yaml = streams.resolve("bcfinsg.yaml");
        Files.writeString(yaml, Files.readString(Path.of("config/streams/bcfinsg.yaml")).replace("schedule:", due.stripTrailing() + "\nschedule:"));
        return yaml;
    }
}
