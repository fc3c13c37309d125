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

    /** True when nothing was added. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Reads every entry back in the order written. */
    public void forEach(Consumer<T> action) {
        try (Cursor cursor = cursor()) {
            for (T item = cursor.next(); item != null; item = cursor.next()) {
                action.accept(item);
            }
        }
    }

    /** Reads the entries back one at a time, in the order written, for a consumer that pulls them. */
    public Cursor cursor() {
        try {
            out.flush();
            return new Cursor(new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scratch file " + file, e);
        }
    }

    /** One pass over the entries. */
    public final class Cursor implements AutoCloseable {
        private final DataInputStream in;
        private long read;

        private Cursor(DataInputStream in) {
            this.in = in;
        }

        /** The next entry, or null after the last. */
        public T next() {
            if (read == count) {
                return null;
            }
            try {
                T item = reader.read(in);
                read++;
                return item;
            } catch (EOFException e) {
                throw new IllegalStateException("scratch file " + file + " is shorter than written", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read scratch file " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close scratch file " + file, e);
            }
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
