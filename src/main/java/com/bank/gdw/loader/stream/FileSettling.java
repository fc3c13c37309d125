package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tells whether files are still being written: a file is settled when its size and modification time have not
 * changed for the settle time. The trigger file alone is not trusted to be written last.
 */
public final class FileSettling {

    private final Duration settle;
    private final Duration maxWait;

    public FileSettling(Duration settle, Duration maxWait) {
        this.settle = settle;
        this.maxWait = maxWait;
    }

    /** Waits (up to the maximum) until every file is settled; false when one is still changing. */
    public boolean awaitSettled(List<Path> files) throws InterruptedException {
        Instant deadline = Instant.now().plus(maxWait);
        while (true) {
            Duration wait = Duration.ZERO;
            for (Path f : files) {
                Duration left = timeToSettle(f);
                if (left == null) {
                    return false;
                }
                if (left.compareTo(wait) > 0) {
                    wait = left;
                }
            }
            if (wait.isZero()) {
                return true;
            }
            if (Instant.now().plus(wait).isAfter(deadline)) {
                return false;
            }
            Thread.sleep(Math.max(10, wait.toMillis()));
        }
    }

    /** Zero when settled, the remaining time otherwise, null when the file is gone. */
    private Duration timeToSettle(Path f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Duration age = Duration.between(a.lastModifiedTime().toInstant(), Instant.now());
            return age.compareTo(settle) >= 0 ? Duration.ZERO : settle.minus(age);
        } catch (IOException e) {
            return null;
        }
    }
}
