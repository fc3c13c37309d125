package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The configured streams by code: read from the streams folder, or the definitions packaged in the jar. */
public final class StreamCatalog {

    /** Samples of each file-name pattern tried against the other streams' patterns. */
    private static final int SAMPLES = 500;

    private final Map<String, StreamDefinition> byCode = new LinkedHashMap<>();

    public StreamCatalog(Collection<StreamDefinition> streams) {
        for (StreamDefinition s : streams) {
            if (byCode.put(s.code(), s) != null) {
                throw new IllegalArgumentException("two stream definitions with code " + s.code());
            }
        }
        if (byCode.values().stream().map(StreamDefinition::id).distinct().count() != byCode.size()) {
            throw new IllegalArgumentException("two stream definitions with the same id");
        }
        List<StreamDefinition> list = List.copyOf(byCode.values());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                refuseOverlap(list.get(i), list.get(j));
            }
        }
    }

    /**
     * Two streams one file name could belong to would both take it (or fight over it): refused, with a name both
     * match. Decided on samples of each stream's trigger and load patterns tried against the other's (RegexSample); a
     * pattern it cannot sample is still tried by the other's samples.
     */
    private static void refuseOverlap(StreamDefinition a, StreamDefinition b) {
        String shared = sharedName(a, b);
        if (shared == null) {
            shared = sharedName(b, a);
        }
        if (shared != null) {
            throw new IllegalArgumentException("the file-name patterns of streams " + a.code() + " and " + b.code() + " overlap: "
                    + shared + " would be a file of both; make their unit, trigger or load patterns tell them apart");
        }
    }

    /** A sample name of {@code from}'s files that a pattern of {@code to} matches, else null. */
    private static String sharedName(StreamDefinition from, StreamDefinition to) {
        for (Pattern p : from.files().patterns()) {
            List<String> samples;
            try {
                samples = RegexSample.of(p.pattern(), SAMPLES);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (String name : samples) {
                if (to.files().patterns().stream().anyMatch(q -> q.matcher(name).matches())) {
                    return name;
                }
            }
        }
        return null;
    }

    /**
     * What is wrong with a streams folder the user named, or null: it must be a folder holding at least one
     * definition (*.yaml). Only the default folder may be absent, the packaged definitions standing in for it.
     */
    public static String folderProblem(Path folder) {
        Path abs = folder.toAbsolutePath();
        if (!Files.exists(abs)) {
            return "the streams folder " + abs + " does not exist";
        }
        if (!Files.isDirectory(abs)) {
            return "the streams folder " + abs + " is not a folder";
        }
        try (Stream<Path> files = Files.list(abs)) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(StreamDefinitionReader.SUFFIX) && Files.isRegularFile(f))) {
                return "the streams folder " + abs + " holds no stream definition (*" + StreamDefinitionReader.SUFFIX + ")";
            }
        } catch (IOException e) {
            return "the streams folder " + abs + " cannot be read: " + e.getMessage();
        }
        return null;
    }

    /** Streams of {@code folder} when it exists, else those packaged under config/streams. */
    public static StreamCatalog load(Path folder, UnaryOperator<String> placeholders) {
        StreamDefinitionReader reader = new StreamDefinitionReader(placeholders);
        if (folder != null && Files.isDirectory(folder)) {
            return new StreamCatalog(reader.readAll(folder));
        }
        return new StreamCatalog(reader.readAll(packaged()));
    }

    private static Path packaged() {
        URL url = StreamCatalog.class.getClassLoader().getResource("config/streams");
        if (url == null) {
            throw new IllegalStateException("no stream definitions: neither a streams folder nor config/streams in the jar");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath("/config/streams");
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot open the packaged stream definitions " + url, e));
        }
    }

    public StreamDefinition get(String code) {
        StreamDefinition s = byCode.get(code);
        if (s == null) {
            throw new IllegalArgumentException("no stream " + code + " (configured: " + byCode.keySet() + ")");
        }
        return s;
    }

    public Collection<StreamDefinition> all() {
        return byCode.values();
    }

    /** The stream when there is exactly one, else the one named; for commands whose --stream may be left out. */
    public StreamDefinition only(String code) {
        if (code != null) {
            return get(code);
        }
        if (byCode.size() != 1) {
            throw new IllegalArgumentException("several streams are configured " + byCode.keySet() + ": name one with --stream");
        }
        return byCode.values().iterator().next();
    }
}
