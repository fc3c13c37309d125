package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A landing file is complete only when its size and modification time stayed the same for the whole settle time. */
class FileSettlingTest {

    @TempDir
    Path dir;

    @Test
    void a_file_growing_under_an_old_modification_time_is_not_settled() throws Exception {
        // given a copy that keeps the source's old modification time (cp -p, sftp -p) while it is still being written
        Path file = Files.writeString(dir.resolve("load.txt"), "first part\n");
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(file, old);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try {
                while (writing.get()) {
                    Files.writeString(file, "more\n", StandardOpenOption.APPEND);
                    Files.setLastModifiedTime(file, old);
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        try {
            // when the loader waits for it to settle
            boolean settled = new FileSettling(Duration.ofMillis(300), Duration.ofMillis(800)).awaitSettled(List.of(file));
            // then it is left for later
            assertThat(settled).isFalse();
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void an_unchanged_file_is_settled_after_the_settle_time() throws Exception {
        Path file = Files.writeString(dir.resolve("load.txt"), "all of it\n");
        Instant start = Instant.now();
        assertThat(new FileSettling(Duration.ofMillis(300), Duration.ofSeconds(5)).awaitSettled(List.of(file))).isTrue();
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void a_file_that_is_gone_is_not_settled() throws Exception {
        assertThat(new FileSettling(Duration.ofMillis(100), Duration.ofSeconds(1)).awaitSettled(List.of(dir.resolve("gone.txt")))).isFalse();
    }
}
