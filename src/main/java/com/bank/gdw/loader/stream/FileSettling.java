package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells whether files are still being written: a file is settled when its size and modification time have not
 * changed for the settle time, watched over that whole time. The modification time alone is not trusted (a copy that
 * preserves the source's time, cp -p or sftp -p, looks old while it grows), nor is the trigger file trusted to be
 * written last.
 */
public final class FileSettling {

    private final Duration settle;
    private final Duration maxWait;

    public FileSettling(Duration settle, Duration maxWait) {
        this.settle = settle;
        this.maxWait = maxWait;
    }

    /** Size and modification time of a file, and since when they were seen unchanged. */
    private record Sighting(long size, FileTime modified, Instant since) { }

    /** Waits (up to the maximum) until every file is settled; false when one is still changing or is gone. */
    public boolean awaitSettled(List<Path> files) throws InterruptedException {
        Instant deadline = Instant.now().plus(maxWait);
        Map<Path, Sighting> seen = new HashMap<>();
        while (true) {
            Instant now = Instant.now();
            Duration wait = Duration.ZERO;
            for (Path f : files) {
                BasicFileAttributes a = attributes(f);
                if (a == null) {
                    return false;
                }
                Sighting s = seen.get(f);
                if (s == null || s.size() != a.size() || !s.modified().equals(a.lastModifiedTime())) {
                    s = new Sighting(a.size(), a.lastModifiedTime(), now);
                    seen.put(f, s);
                }
                Duration left = settle.minus(Duration.between(s.since(), now));
                if (left.compareTo(wait) > 0) {
                    wait = left;
                }
            }
            if (wait.isZero() || wait.isNegative()) {
                return true;
            }
            if (now.plus(wait).isAfter(deadline)) {
                return false;
            }
            Thread.sleep(Math.max(10, Math.min(wait.toMillis(), 250)));
        }
    }

    private static BasicFileAttributes attributes(Path f) {
        try {
            return Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
