package com.bank.gdw.loader.feed;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.Layout;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Writes sample load and trigger files for a stream from its layout: valid records with unique keys and, on request,
 * a share of bad ones cycling through the reject reasons. For demos, tests and the benchmark.
 */
public final class FeedGenerator {

    /** What was written and what the loader must make of it. */
    public record Generated(Path loadFile, Path triggerFile, long rows, Map<RejectReason, Long> seeded) {

        public long seeded(RejectReason reason) {
            return seeded.getOrDefault(reason, 0L);
        }

        public long expectedWritten() {
            return rows - seeded.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final RejectReason[] BAD_CYCLE = {
        RejectReason.FIELD_COUNT, RejectReason.KEY_MISSING, RejectReason.INVALID_VALUE, RejectReason.DUPLICATE_KEY
    };
    private static final byte[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".getBytes(StandardCharsets.US_ASCII);

    private final StreamDefinition stream;
    private final Layout layout;
    private final int carrier;
    private final int[] keyColumns;
    private final int firstDate;
    private boolean gzip = true;
    private boolean controlLine = true;
    private long seed = 42;
    private double defectRatio;

    public FeedGenerator(StreamDefinition stream) {
        this.stream = stream;
        this.layout = stream.layout();
        this.keyColumns = stream.keyIndexes();
        int best = -1;
        int bestCapacity = 0;
        for (int k : keyColumns) {
            ColumnType t = layout.column(k).type();
            int capacity = t.kind() == ColumnType.Kind.VARCHAR ? t.length() - 1 : t.precision() - t.scale() - 1;
            if (capacity > bestCapacity) {
                best = k;
                bestCapacity = capacity;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("the key of " + stream.name() + " has no column wide enough to make keys unique");
        }
        this.carrier = best;
        int date = -1;
        for (int c = 0; c < layout.size(); c++) {
            if (layout.column(c).type().kind() == ColumnType.Kind.DATE) {
                date = c;
                break;
            }
        }
        this.firstDate = date;
    }

    public FeedGenerator gzip(boolean value) {
        this.gzip = value;
        return this;
    }

    /** A copy that writes uncompressed load files. */
    public FeedGenerator plain() {
        FeedGenerator g = new FeedGenerator(stream);
        g.gzip = false;
        g.controlLine = controlLine;
        g.seed = seed;
        g.defectRatio = defectRatio;
        return g;
    }

    public FeedGenerator controlLine(boolean value) {
        this.controlLine = value;
        return this;
    }

    /** Share of records whose DATE fields all hold the date marker: accepted, but scoring low. */
    public FeedGenerator qualityDefects(double ratio) {
        this.defectRatio = ratio;
        return this;
    }

    public FeedGenerator seed(long value) {
        this.seed = value;
        return this;
    }

    /** Writes the load file, then the trigger file (with a control line unless switched off). */
    public Generated generate(Path dir, String unit, LocalDate date, long rows, double badRatio) throws IOException {
        Files.createDirectories(dir);
        Path load = dir.resolve(stream.files().loadName(unit, date, gzip));
        Path trigger = dir.resolve(stream.files().triggerName(unit, date));
        Map<RejectReason, Long> seeded = new EnumMap<>(RejectReason.class);
        SplittableRandom random = new SplittableRandom(seed ^ unit.hashCode() ^ date.toEpochDay());
        long badEvery = badRatio <= 0 ? Long.MAX_VALUE : Math.max(2, Math.round(1 / badRatio));
        int unitTag = unit.charAt(unit.length() - 1);
        try (OutputStream out = open(load)) {
            RowWriter w = new RowWriter(out);
            long bad = 0;
            for (long i = 1; i <= rows; i++) {
                RejectReason reason = null;
                if (i % badEvery == 0 && i > 1) {
                    reason = BAD_CYCLE[(int) (bad++ % BAD_CYCLE.length)];
                    seeded.merge(reason, 1L, Long::sum);
                }
                long keyIndex = reason == RejectReason.DUPLICATE_KEY ? i - 1 : i;
                writeRecord(w, random, unitTag, keyIndex, date, reason);
            }
            w.flush();
        }
        String control = controlLine ? "CTL|" + date.format(com.bank.gdw.loader.stream.FileNaming.BUSINESS_DATE) + "|" + rows + "\n" : "";
        Files.writeString(trigger, control, StandardCharsets.US_ASCII);
        return new Generated(load, trigger, rows, seeded);
    }

    private OutputStream open(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        if (!gzip) {
            return new BufferedOutputStream(raw, 1 << 16);
        }
        return new GZIPOutputStream(raw, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private void writeRecord(RowWriter w, SplittableRandom r, int unitTag, long keyIndex, LocalDate date, RejectReason bad) throws IOException {
        int dropField = bad == RejectReason.FIELD_COUNT ? layout.size() - 1 : -1;
        int emptyKey = bad == RejectReason.KEY_MISSING ? keyColumns[keyColumns.length - 1] : -1;
        int invalid = bad == RejectReason.INVALID_VALUE ? (firstDate >= 0 ? firstDate : carrier) : -1;
        long recordDay = date.toEpochDay() - r.nextInt(3650);
        boolean defect = bad == null && defectRatio > 0 && r.nextDouble() < defectRatio;
        for (int c = 0; c < layout.size(); c++) {
            if (c == dropField) {
                continue;
            }
            if (c > 0) {
                w.put('|');
            }
            if (c == emptyKey) {
                continue;
            }
            if (c == invalid) {
                w.put(firstDate >= 0 ? "2026-02-30" : "?");
                continue;
            }
            Column col = layout.column(c);
            if (c == carrier) {
                writeCarrier(w, col.type(), unitTag, keyIndex);
            } else if (defect && col.type().kind() == ColumnType.Kind.DATE) {
                w.put(stream.dateMarker());
            } else if (isKey(c)) {
                writeValue(w, col.type(), new SplittableRandom(keyIndex * 31 + c), date.toEpochDay(), false);
            } else {
                writeValue(w, col.type(), r, recordDay, col.nullable());
            }
        }
        w.put('\n');
    }

    private boolean isKey(int c) {
        for (int k : keyColumns) {
            if (k == c) {
                return true;
            }
        }
        return false;
    }

    private static void writeCarrier(RowWriter w, ColumnType t, int unitTag, long index) throws IOException {
        if (t.kind() == ColumnType.Kind.VARCHAR) {
            w.put((char) unitTag);
            w.putPadded(index, t.length() - 1);
        } else {
            w.putPadded(index, t.precision() - t.scale());
        }
    }

    private static void writeValue(RowWriter w, ColumnType t, SplittableRandom r, long day, boolean nullable) throws IOException {
        if (nullable && r.nextInt(10) < 3) {
            return;
        }
        switch (t.kind()) {
            case VARCHAR -> {
                int len = 1 + r.nextInt(t.length());
                for (int i = 0; i < len; i++) {
                    w.put((char) ALNUM[r.nextInt(ALNUM.length)]);
                }
            }
            case DECIMAL -> {
                int intDigits = t.precision() - t.scale();
                int digits = intDigits == 0 ? 0 : 1 + r.nextInt(Math.min(intDigits, 4));
                long whole = digits == 0 ? 0 : r.nextLong(ColumnType.powerOfTen(digits - 1), ColumnType.powerOfTen(digits));
                w.putLong(whole);
                if (t.scale() > 0) {
                    w.put('.');
                    w.putPadded(r.nextLong(ColumnType.powerOfTen(Math.min(t.scale(), ColumnType.MAX_PRECISION))), t.scale());
                }
            }
            case DATE -> w.put(LocalDate.ofEpochDay(day).toString());
            default -> throw new IllegalArgumentException("cannot generate " + t.sql());
        }
    }

    /** Buffered ASCII output without per-value objects. */
    private static final class RowWriter {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int pos;

        RowWriter(OutputStream out) {
            this.out = out;
        }

        void put(char c) throws IOException {
            if (pos == buf.length) {
                flushBuffer();
            }
            buf[pos++] = (byte) c;
        }

        void put(String s) throws IOException {
            for (int i = 0; i < s.length(); i++) {
                put(s.charAt(i));
            }
        }

        void putLong(long v) throws IOException {
            put(Long.toString(v));
        }

        void putPadded(long v, int width) throws IOException {
            String s = Long.toString(v);
            for (int i = s.length(); i < width; i++) {
                put('0');
            }
            put(s);
        }

        private void flushBuffer() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
        }

        void flush() throws IOException {
            flushBuffer();
            out.flush();
        }
    }
}
