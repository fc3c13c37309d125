package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Lists a stream's units in the landing directory (DataStage GetFileList / CntlFileList).
 * Only regular files directly in the directory count; symbolic links, hidden and in-progress files are ignored.
 */
public final class UnitDiscovery {

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
        Map<String, FileName.Trigger> triggerNames = new HashMap<>();
        Map<Path, String> bad = new HashMap<>();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            FileName fn = stream.files().classify(name);
            if (fn instanceof FileName.Trigger t) {
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
            units.add(new LoadUnit(t.unit(), t.businessDate(), trigger, loads.get(key), otherLoads.get(key)));
        });
        units.sort(LoadUnit.ORDER);
        return new Listing(units, bad);
    }

    private List<Path> files() {
        if (!Files.isDirectory(landing)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(landing)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !isIgnored(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the landing directory " + landing, e);
        }
    }

    private static boolean isIgnored(String name) {
        return name.startsWith(".") || IN_PROGRESS_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
