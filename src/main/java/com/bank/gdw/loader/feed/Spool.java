package com.bank.gdw.loader.feed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** An append-then-read scratch file for what must outlive the streaming pass without staying in memory. */
public final class Spool<T> implements AutoCloseable {

    /** How an entry is written. */
    public interface Writer<T> {
        void write(T item, DataOutputStream out) throws IOException;
    }

    /** How an entry is read back. */
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private final Path file;
    private final Writer<T> writer;
    private final Reader<T> reader;
    private DataOutputStream out;
    private long count;

    public Spool(Path dir, String prefix, Writer<T> writer, Reader<T> reader) {
        this.writer = writer;
        this.reader = reader;
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, prefix, ".spool");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch file in " + dir, e);
        }
    }

    public void add(T item) {
        try {
            writer.write(item, out);
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write scratch file " + file, e);
        }
    }

    /** Reads every entry back in the order written. */
    public void forEach(Consumer<T> action) {
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (long i = 0; i < count; i++) {
                    action.accept(reader.read(in));
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException("scratch file " + file + " is shorter than written", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scratch file " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove scratch file " + file, e);
        }
    }
}
