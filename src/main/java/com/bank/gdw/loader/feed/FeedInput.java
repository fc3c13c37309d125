package com.bank.gdw.loader.feed;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a load file as a stream of record bytes, decompressing .gz on the fly and leaving out a byte order mark at the
 * start ({@link ByteOrderMark}), and counts the file bytes consumed.
 */
public final class FeedInput {

    private FeedInput() {
    }

    /** Bytes read so far: of the file itself (compressed bytes for .gz), for progress. */
    public static sealed class CountingStream extends FilterInputStream permits Capped {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        void counted(int n) {
            count += n;
        }

        public long count() {
            return count;
        }
    }

    /** An opened feed: the record bytes and the counter of file bytes behind them. */
    public record Opened(InputStream records, CountingStream file) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            records.close();
        }
    }

    public static Opened open(Path file) throws IOException {
        return open(file, Long.MAX_VALUE);
    }

    /** Opens the file; reading more than {@code maxBytes} record bytes (decompressed) fails with a FeedFormatException. */
    public static Opened open(Path file, long maxBytes) throws IOException {
        CountingStream counting = new CountingStream(Files.newInputStream(file));
        if (!file.getFileName().toString().endsWith(".gz")) {
            return new Opened(ByteOrderMark.skipped(new Capped(counting, file, maxBytes)), counting);
        }
        byte[] magic = counting.readNBytes(2);
        if (magic.length < 2 || (magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
            counting.close();
            throw new FeedFormatException(file.getFileName() + ": not a gzip file (no gzip header)");
        }
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(magic), counting);
        return new Opened(ByteOrderMark.skipped(new Capped(new GzipMembers(rest), file, maxBytes)), counting);
    }

    /** The record bytes, cut off with a clear error past the cap (a gzip bomb expands a few MB into terabytes). */
    private static final class Capped extends CountingStream {
        private final Path file;
        private final long max;

        Capped(InputStream in, Path file, long max) {
            super(in);
            this.file = file;
            this.max = max;
        }

        @Override
        void counted(int n) {
            super.counted(n);
            if (count() > max) {
                throw new FeedFormatException(file.getFileName() + ": more than " + max
                        + " bytes once decompressed (loader.unit.max-bytes); the unit stops reading");
            }
        }
    }
}
