package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A landing file is complete only when its size and modification time stayed the same for the whole settle time; a
 * run's units are watched together, in one settle window, and those whose files did not settle are left out.
 */
class FileSettlingTest {

    private static final Duration SETTLE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    /** A unit's files as the test names them. */
    private record Unit(String name, List<Path> files) { }

    private Unit unit(String name, String... files) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String f : files) {
            Path p = dir.resolve(f);
            if (Files.notExists(p)) {
                Files.writeString(p, "all of " + f + "\n");
            }
            paths.add(p);
        }
        return new Unit(name, paths);
    }

    private static List<Unit> settled(FileSettling settling, List<Unit> units) throws InterruptedException {
        return settling.awaitSettled(units, Unit::files);
    }

    /** Appends to the file every 20 ms, keeping the given modification time, until stopped. */
    private static Thread appending(Path file, FileTime keep, AtomicBoolean writing) {
        Thread writer = new Thread(() -> {
            try {
                while (writing.get()) {
                    Files.writeString(file, "more\n", StandardOpenOption.APPEND);
                    Files.setLastModifiedTime(file, keep);
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        return writer;
    }

    @Test
    void a_file_growing_under_an_old_modification_time_is_not_settled() throws Exception {
        // given a copy that keeps the source's old modification time (cp -p, sftp -p) while it is still being written
        Unit copy = unit("CA", "load.txt");
        Path file = copy.files().get(0);
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(file, old);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = appending(file, old, writing);
        try {
            // when the loader waits for it to settle
            List<Unit> settled = settled(new FileSettling(SETTLE, Duration.ofMillis(800)), List.of(copy));
            // then it is left for later
            assertThat(settled).isEmpty();
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void an_unchanged_file_is_settled_after_the_settle_time() throws Exception {
        Unit unit = unit("CA", "load.txt");
        Instant start = Instant.now();

        assertThat(settled(new FileSettling(SETTLE, Duration.ofSeconds(5)), List.of(unit))).containsExactly(unit);
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(SETTLE);
    }

    @Test
    void a_file_that_is_gone_is_not_settled() throws Exception {
        Unit gone = new Unit("CA", List.of(dir.resolve("gone.txt")));

        assertThat(settled(new FileSettling(Duration.ofMillis(100), Duration.ofSeconds(1)), List.of(gone))).isEmpty();
    }

    @Test
    void twenty_units_dropped_long_ago_settle_together_in_one_settle_window_not_one_after_the_other() throws Exception {
        // given 20 units whose trigger and load file lay unchanged for an hour
        List<Unit> units = new ArrayList<>();
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        for (int i = 0; i < 20; i++) {
            Unit u = unit("C" + i, "C" + i + ".DLY", "C" + i + "_I.txt");
            for (Path f : u.files()) {
                Files.setLastModifiedTime(f, old);
            }
            units.add(u);
        }
        Instant start = Instant.now();

        // when the run waits for them
        List<Unit> settled = settled(new FileSettling(SETTLE, Duration.ofSeconds(30)), units);

        // then all of them are ready, in their order, each watched for the settle time: about one window in all
        // (the bound is generous for a slow machine; one unit after the other takes twenty windows)
        Duration took = Duration.between(start, Instant.now());
        assertThat(settled).containsExactlyElementsOf(units);
        assertThat(took).isGreaterThanOrEqualTo(SETTLE).isLessThan(SETTLE.multipliedBy(3));
    }

    @Test
    void a_unit_with_a_file_still_being_appended_is_left_out_while_the_others_settle() throws Exception {
        // given three units, the middle one's load file still being appended under an old modification time
        Unit first = unit("CA", "CA.DLY", "CA_I.txt");
        Unit growing = unit("CB", "CB.DLY", "CB_I.txt");
        Unit last = unit("CC", "CC.DLY", "CC_I.txt");
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = appending(growing.files().get(1), old, writing);
        try {
            // when the run waits for them
            List<Unit> settled = settled(new FileSettling(SETTLE, Duration.ofMillis(1500)), List.of(first, growing, last));

            // then the settled ones are ready, in their order, and the growing one is left for the next run
            assertThat(settled).containsExactly(first, last);
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void a_unit_whose_file_is_gone_is_left_out_while_the_others_settle() throws Exception {
        Unit first = unit("CA", "CA.DLY", "CA_I.txt");
        Unit gone = new Unit("CB", List.of(unit("CB", "CB.DLY").files().get(0), dir.resolve("CB_I.txt")));
        Unit last = unit("CC", "CC.DLY", "CC_I.txt");

        assertThat(settled(new FileSettling(SETTLE, Duration.ofSeconds(5)), List.of(first, gone, last))).containsExactly(first, last);
    }
}
