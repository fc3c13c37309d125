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
}
