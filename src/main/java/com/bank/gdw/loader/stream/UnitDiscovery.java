package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Lists a stream's units in the landing directory (DataStage GetFileList / CntlFileList).
 * Only regular files directly in the directory count; symbolic links, hidden and in-progress files are ignored. A
 * symbolic link, directory or FIFO at a load file's name is not read either, but its unit is told what it is.
 */
public final class UnitDiscovery {

    /** The file type bits of a unix mode, and the type of a FIFO (named pipe). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private static final List<String> IN_PROGRESS_SUFFIXES = List.of(".tmp", ".part", ".partial", ".filepart", ".camelLock");

    private final StreamDefinition stream;
    private final Path landing;

    public UnitDiscovery(StreamDefinition stream, Path landing) {
        this.stream = stream;
        this.landing = landing;
    }

    /** What the landing directory holds for the stream. */
    public record Listing(List<LoadUnit> units, Map<Path, String> badFiles) {

        public List<LoadUnit> unitsOf(LocalDate date) {
            return units.stream().filter(u -> u.businessDate().equals(date)).toList();
        }

        /** Business dates that have a trigger file, oldest first. */
        public List<LocalDate> dates() {
            return new ArrayList<>(new TreeSet<>(units.stream().map(LoadUnit::businessDate).toList()));
        }
    }

    public Listing list() {
        Map<String, Path> triggers = new HashMap<>();
        Map<String, Path> loads = new HashMap<>();
        Map<String, Path> otherLoads = new HashMap<>();
        Map<String, String> notRegularLoads = new HashMap<>();
        Map<String, FileName.Trigger> triggerNames = new HashMap<>();
        Map<Path, String> bad = new HashMap<>();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            FileName fn = stream.files().classify(name);
            BasicFileAttributes a = attributes(file);
            if (a == null) {
                continue;
            }
            if (!a.isRegularFile()) {
                // never read, but named in its unit's failure: "load file missing" beside an ls that shows it misleads
                if (fn instanceof FileName.Load l) {
                    notRegularLoads.putIfAbsent(l.unit() + "|" + l.businessDate(), name + " is " + notRegular(file, a));
                }
            } else if (fn instanceof FileName.Trigger t) {
                String key = t.unit() + "|" + t.businessDate();
                triggers.put(key, file);
                triggerNames.put(key, t);
            } else if (fn instanceof FileName.Load l) {
                String key = l.unit() + "|" + l.businessDate();
                if (loads.putIfAbsent(key, file) != null) {
                    // the plain and the gzip name: the unit goes with both, and fails for it (UnitRules.loadFile)
                    otherLoads.put(key, file);
                }
            } else if (fn instanceof FileName.Bad b) {
                bad.put(file, b.reason());
            }
        }
        List<LoadUnit> units = new ArrayList<>();
        triggers.forEach((key, trigger) -> {
            FileName.Trigger t = triggerNames.get(key);
            units.add(new LoadUnit(t.unit(), t.businessDate(), trigger, loads.get(key), otherLoads.get(key), notRegularLoads.get(key)));
        });
        units.sort(LoadUnit.ORDER);
        return new Listing(units, bad);
    }

    private List<Path> files() {
        if (!Files.isDirectory(landing)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(landing)) {
            return s.filter(p -> !isIgnored(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the landing directory " + landing, e);
        }
    }

    /** The entry's own attributes (a link's, not its target's); null when it is gone since the listing. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** What an entry that is not a regular file is, in words: "a directory, not a regular file". */
    private static String notRegular(Path p, BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return "a symbolic link, not a regular file (links are not followed)";
        }
        return (a.isDirectory() ? "a directory" : isFifo(p) ? "a FIFO" : "a special file") + ", not a regular file";
    }

    private static boolean isFifo(Path p) {
        try {
            return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT) == S_IFIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isIgnored(String name) {
        return name.startsWith(".") || IN_PROGRESS_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
