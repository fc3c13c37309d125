package com.bank.gdw.loader.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The key table finds repeated fingerprints, and gives its scratch space back at once when outgrown or closed. */
class KeyFingerprintsTest {

    @TempDir
    Path work;

    @Test
    void a_repeated_fingerprint_is_found_across_growth() {
        try (KeyFingerprints keys = new KeyFingerprints(work, 16)) {
            for (long k = 1; k <= 10_000; k++) {
                assertThat(keys.add(k * 0x9E3779B97F4A7C15L)).isTrue();
            }
            for (long k = 1; k <= 10_000; k++) {
                assertThat(keys.add(k * 0x9E3779B97F4A7C15L)).as("fingerprint %d again", k).isFalse();
            }
        }
    }

    @Test
    void many_units_leave_no_file_and_no_mapping_behind_in_work() throws IOException {
        // given the key tables of 50 units, each grown several times, as a long-running container would make them
        for (int unit = 0; unit < 50; unit++) {
            try (KeyFingerprints keys = new KeyFingerprints(work, 1024)) {
                for (long k = 1; k <= 20_000; k++) {
                    keys.add(k * 0x9E3779B97F4A7C15L + unit);
                }
            }
        }
        // then work/ holds no file, and no mapping of a (deleted) scratch file is left waiting for the garbage collector
        try (var files = Files.list(work)) {
            assertThat(files).isEmpty();
        }
        assertThat(Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains(work.toString())))
                .as("mappings of scratch files in %s", work).isEmpty();
    }

    /**
     * A work directory without room is an I/O error naming it, which the unit reports: not a fault of the JVM ("a
     * fault occurred in a recent unsafe memory access operation") when a key lands on a page the file system cannot
     * give. Needs a small tmpfs, so root (as in CI); skipped where mount is not allowed.
     */
    @Test
    void a_work_directory_without_room_is_an_io_error_naming_it() throws Exception {
        Path full = Files.createDirectories(Path.of("target", "full-work").toAbsolutePath());
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "mounting a tmpfs needs root");
        try {
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> {
                try (KeyFingerprints keys = new KeyFingerprints(full, 100_000)) {
                    for (long k = 1; k <= 100_000; k++) {
                        keys.add(k * 0x9E3779B97F4A7C15L);
                    }
                }
            });
            assertThat(e).isInstanceOf(java.io.UncheckedIOException.class)
                    .hasRootCauseMessage("cannot make a key table in " + full + ": No space left on device");
            try (var left = Files.list(full)) {
                assertThat(left).isEmpty();
            }
        } finally {
            new ProcessBuilder("umount", full.toString()).start().waitFor();
        }
    }
}
