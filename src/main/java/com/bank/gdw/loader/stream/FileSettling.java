package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * Watches the files of all groups (a run's units) in one window, up to the maximum wait, and returns the groups
     * whose files all settled, in their order; a group with a file still changing when the wait ends, or gone, is left
     * out. One window for all: files dropped together settle together, and watching one group after the other would
     * cost the settle time per group while the run holds the stream's lease.
     */
    public <G> List<G> awaitSettled(List<G> groups, Function<G, List<Path>> filesOf) throws InterruptedException {
        Instant deadline = Instant.now().plus(maxWait);
        Map<Path, Sighting> seen = new HashMap<>();
        List<G> watched = new ArrayList<>(groups);
        Set<G> settled = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!watched.isEmpty()) {
            Instant now = Instant.now();
            Duration nearest = settle;
            for (Iterator<G> it = watched.iterator(); it.hasNext(); ) {
                G group = it.next();
                Duration left = left(filesOf.apply(group), seen, now);
                if (left == null || now.plus(left).isAfter(deadline)) {
                    it.remove();
                } else if (left.isZero()) {
                    settled.add(group);
                    it.remove();
                } else if (left.compareTo(nearest) < 0) {
                    nearest = left;
                }
            }
            if (!watched.isEmpty()) {
                Thread.sleep(Math.max(10, Math.min(nearest.toMillis(), 250)));
            }
        }
        return groups.stream().filter(settled::contains).toList();
    }

    /** How long the files must still stay unchanged to be settled, as seen now (zero: settled); null when one is gone. */
    private Duration left(List<Path> files, Map<Path, Sighting> seen, Instant now) {
        Duration wait = Duration.ZERO;
        for (Path f : files) {
            BasicFileAttributes a = attributes(f);
            if (a == null) {
                return null;
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
        return wait;
    }

    private static BasicFileAttributes attributes(Path f) {
        try {
            return Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
