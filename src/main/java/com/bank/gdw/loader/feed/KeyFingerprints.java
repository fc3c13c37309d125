package com.bank.gdw.loader.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The business keys already accepted from a file, kept as 64-bit fingerprints in an open-addressing table that lives
 * in a memory-mapped scratch file, off the Java heap: 8 bytes a key, never the records themselves. A fingerprint hit
 * only makes a record a suspect; the loader confirms it against the rows written, so a hash collision loses nothing.
 */
public final class KeyFingerprints implements AutoCloseable {

    private static final double MAX_LOAD = 0.6;
    private final Path scratchDir;
    private LongBuffer table;
    private int capacity;
    private int size;

    public KeyFingerprints(Path scratchDir, int initialCapacity) {
        this.scratchDir = scratchDir;
        this.capacity = Integer.highestOneBit(Math.max(1024, initialCapacity) - 1) << 1;
        this.table = map(capacity);
    }

    /** @return true when the fingerprint was new, false when an earlier key had it */
    public boolean add(long fingerprint) {
        long f = fingerprint == 0 ? 1 : fingerprint;
        if (size + 1 > capacity * MAX_LOAD) {
            grow();
        }
        if (!insert(table, capacity, f)) {
            return false;
        }
        size++;
        return true;
    }

    public int size() {
        return size;
    }

    private static boolean insert(LongBuffer t, int cap, long f) {
        int mask = cap - 1;
        int i = (int) (f ^ (f >>> 32)) & mask;
        while (true) {
            long v = t.get(i);
            if (v == 0) {
                t.put(i, f);
                return true;
            }
            if (v == f) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        int newCap = capacity << 1;
        LongBuffer bigger = map(newCap);
        for (int i = 0; i < capacity; i++) {
            long v = table.get(i);
            if (v != 0) {
                insert(bigger, newCap, v);
            }
        }
        table = bigger;
        capacity = newCap;
    }

    private LongBuffer map(int slots) {
        try {
            Files.createDirectories(scratchDir);
            Path file = Files.createTempFile(scratchDir, "keys-", ".bin");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                LongBuffer buffer = ch.map(FileChannel.MapMode.READ_WRITE, 0, (long) slots * Long.BYTES).asLongBuffer();
                return buffer;
            } finally {
                // the mapping outlives the name: the space is returned when the buffer is collected
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map a key table in " + scratchDir, e);
        }
    }

    @Override
    public void close() {
        table = null;
    }

    /** 64-bit fingerprint of the key columns of a parsed row (FNV-1a over the typed values, then a final mix). */
    public static long fingerprint(RecordBatch batch, int row, int[] keyColumns) {
        long h = 0xcbf29ce484222325L;
        for (int c : keyColumns) {
            switch (batch.kind(c)) {
                case DECIMAL:
                    h = mix(h, batch.unscaled(c, row));
                    break;
                case DATE:
                    h = mix(h, batch.epochDay(c, row));
                    break;
                default:
                    byte[] bytes = batch.textBytes();
                    for (int i = batch.textOffset(c, row), end = i + batch.textLength(c, row); i < end; i++) {
                        h = (h ^ (bytes[i] & 0xff)) * 0x100000001b3L;
                    }
                    h = (h ^ 0x1F) * 0x100000001b3L;
            }
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long mix(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ (v & 0xff)) * 0x100000001b3L;
            v >>>= 8;
        }
        return (h ^ 0x1F) * 0x100000001b3L;
    }
}
