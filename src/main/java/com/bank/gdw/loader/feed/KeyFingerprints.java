package com.bank.gdw.loader.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The business keys already accepted from a file, kept as 64-bit fingerprints in an open-addressing table that lives
 * in a memory-mapped scratch file, off the Java heap: 8 bytes a key, never the records themselves. A fingerprint hit
 * only makes a record a suspect; the loader confirms it against the rows written, so a hash collision loses nothing.
 * A table outgrown, and the table at {@link #close}, is unmapped at once: the scratch file has no name from the start,
 * so its disk space is only returned when the mapping goes, and a long-running container must not wait for the
 * garbage collector to find the buffer (work/ filled up). Only the thread that adds may close.
 */
public final class KeyFingerprints implements AutoCloseable {

    private static final double MAX_LOAD = 0.6;
    private final Path scratchDir;
    private MappedByteBuffer mapped;
    private LongBuffer table;
    private int capacity;
    private int size;

    public KeyFingerprints(Path scratchDir, int initialCapacity) {
        this.scratchDir = scratchDir;
        this.capacity = Integer.highestOneBit(Math.max(1024, initialCapacity) - 1) << 1;
        this.mapped = map(capacity);
        this.table = mapped.asLongBuffer();
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
        MappedByteBuffer biggerMap = map(newCap);
        LongBuffer bigger = biggerMap.asLongBuffer();
        for (int i = 0; i < capacity; i++) {
            long v = table.get(i);
            if (v != 0) {
                insert(bigger, newCap, v);
            }
        }
        MappedByteBuffer old = mapped;
        mapped = biggerMap;
        table = bigger;
        capacity = newCap;
        unmap(old);
    }

    private MappedByteBuffer map(int slots) {
        try {
            Files.createDirectories(scratchDir);
            Path file = Files.createTempFile(scratchDir, "keys-", ".bin");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long bytes = (long) slots * Long.BYTES;
                allocate(ch, bytes);
                return ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            } finally {
                // the mapping outlives the name: the space is returned when the mapping goes (unmap)
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // the innermost error is what a failed unit shows, so it is the one that names the directory
            IOException named = new IOException("cannot make a key table in " + scratchDir + ": " + e.getMessage());
            named.addSuppressed(e);
            throw new UncheckedIOException(named);
        }
    }

    /**
     * Writes the file's bytes before it is mapped. The JDK extends a file to map it without giving it disk space, and
     * a key that then lands on a page the file system cannot give kills the read with a JVM fault ("a fault occurred in
     * a recent unsafe memory access operation") instead of an I/O error that names the directory and the lack of room.
     */
    private static void allocate(FileChannel ch, long bytes) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 16);
        for (long at = 0; at < bytes; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
            at += ch.write(zeros, at);
        }
    }

    @Override
    public void close() {
        MappedByteBuffer m = mapped;
        table = null;
        mapped = null;
        if (m != null) {
            unmap(m);
        }
    }

    /**
     * Releases a mapping now. The JDK has no public unmap; sun.misc.Unsafe.invokeCleaner (jdk.unsupported, open to
     * every class-path module) is the sanctioned way until the FFM API (Java 22) can map with an explicit arena. The
     * buffer must never be touched again. Where it is not available the mapping goes with the garbage collector.
     */
    private static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException e) {
            // left to the garbage collector
        }
    }

    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method invokeCleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field f = type.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = f.get(null);
            invokeCleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
            invokeCleaner = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = invokeCleaner;
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
