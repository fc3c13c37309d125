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
import java.util.Map;
import java.util.function.UnaryOperator;

/** The configured streams by code: read from the streams folder, or the definitions packaged in the jar. */
public final class StreamCatalog {

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
