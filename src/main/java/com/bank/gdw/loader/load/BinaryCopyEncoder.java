package com.bank.gdw.loader.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Encodes parsed rows, with the loader's columns, in PostgreSQL's binary COPY format, straight from the columnar
 * batch: the server then runs no text input function (numeric parsing is most of what a text COPY costs it), and no
 * per-value object is made here. Rows gather in one large buffer that is handed to the sink when nearly full.
 *
 * <p>Format (PostgreSQL docs, "COPY ... Binary Format"): signature, flags and header extension; per row an int16
 * field count, then per field an int32 length (-1 for NULL) and the type's binary send form. Values are written
 * straight into the buffer's array (big-endian views of it), and a NUMERIC's base-10000 digits come from divisions by
 * the constant 10000, which the JIT turns into multiplications: this class is most of the loader's own CPU per row.
 */
final class BinaryCopyEncoder {

    /** Where full buffers go (a CopyIn in production). */
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** PostgreSQL counts dates and timestamps from 2000-01-01. */
    static final int PG_EPOCH_DAY = 10_957;
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400L;
    private static final short NUMERIC_NEG = 0x4000;
    /** Largest magnitude that stays a long when aligned to whole base-10000 fraction digits (times up to 1000). */
    private static final long MAX_ALIGNED = Long.MAX_VALUE / 1000;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Sink sink;
    private final byte[] bytes;
    private int position;
    private final ColumnType.Kind[] kinds;
    private final int[] scales;
    private final short fieldCount;
    private final int maxRowBytes;
    /** The loader's columns before the line number (business date, load timestamp, load time, process id), encoded once. */
    private final byte[] loaderHead;
    /** The loader's columns after the line number (row security code), encoded once. */
    private final byte[] loaderTail;
    /** Base-10000 digits of one numeric, least significant first. */
    private final short[] groups = new short[12];

    BinaryCopyEncoder(StreamDefinition stream, TargetLoad load, int bufferBytes, Sink sink) {
        this.sink = sink;
        List<Column> layout = stream.layout().columns();
        this.kinds = new ColumnType.Kind[layout.size()];
        this.scales = new int[layout.size()];
        int rowBytes = 2;
        for (int c = 0; c < kinds.length; c++) {
            ColumnType t = layout.get(c).type();
            kinds[c] = t.kind();
            scales[c] = t.scale();
            rowBytes += 4 + switch (t.kind()) {
                case DECIMAL -> 8 + 2 * groups.length;
                case DATE -> 4;
                case VARCHAR -> 4 * t.length();
                default -> throw new IllegalArgumentException("a file column cannot be " + t.sql());
            };
        }
        boolean time = stream.loaderColumns().loadTime() != null;
        ByteBuffer head = ByteBuffer.allocate(64);
        head.putInt(4).putInt((int) (load.businessDate().toEpochDay() - PG_EPOCH_DAY));
        head.putInt(8).putLong(micros(load.loadTimestamp()));
        if (time) {
            // the time of day to the second, as every writer stores it
            head.putInt(8).putLong(load.loadTimestamp().toLocalTime().withNano(0).toNanoOfDay() / 1000);
        }
        head.putInt(8).putLong(load.processId());
        this.loaderHead = java.util.Arrays.copyOf(head.array(), head.position());
        this.loaderTail = ByteBuffer.allocate(8).putInt(4).putInt(stream.rowSecurityCode()).array();
        this.fieldCount = (short) (kinds.length + stream.loaderColumnList().size());
        this.maxRowBytes = rowBytes + loaderHead.length + 12 + loaderTail.length;
        this.bytes = new byte[Math.max(bufferBytes, 2 * maxRowBytes)];
    }

    /** Microseconds since 2000-01-01 00:00 of a wall-clock timestamp (the DCF clock is UTC; the column has no zone). */
    static long micros(LocalDateTime ts) {
        return (ts.toEpochSecond(ZoneOffset.UTC) - PG_EPOCH_SECOND) * 1_000_000L + ts.getNano() / 1000;
    }

    void header() throws SQLException {
        room(SIGNATURE.length + 8);
        System.arraycopy(SIGNATURE, 0, bytes, position, SIGNATURE.length);
        LONG.set(bytes, position + SIGNATURE.length, 0L);
        position += SIGNATURE.length + 8;
    }

    /** Encodes row {@code row} of the batch: its file values, then the loader's. */
    void row(RecordBatch b, int row) throws SQLException {
        room(maxRowBytes);
        byte[] o = bytes;
        int p = position;
        SHORT.set(o, p, fieldCount);
        p += 2;
        for (int c = 0; c < kinds.length; c++) {
            if (b.isNull(c, row)) {
                INT.set(o, p, -1);
                p += 4;
                continue;
            }
            switch (kinds[c]) {
                case DECIMAL -> p = numeric(o, p, b.unscaled(c, row), scales[c]);
                case DATE -> {
                    INT.set(o, p, 4);
                    INT.set(o, p + 4, b.epochDay(c, row) - PG_EPOCH_DAY);
                    p += 8;
                }
                default -> {
                    // text goes as the UTF-8 bytes the file had (the parser checked them)
                    int length = b.textLength(c, row);
                    INT.set(o, p, length);
                    System.arraycopy(b.textBytes(), b.textOffset(c, row), o, p + 4, length);
                    p += 4 + length;
                }
            }
        }
        System.arraycopy(loaderHead, 0, o, p, loaderHead.length);
        p += loaderHead.length;
        INT.set(o, p, 8);
        LONG.set(o, p + 4, b.lineNumber(row));
        p += 12;
        System.arraycopy(loaderTail, 0, o, p, loaderTail.length);
        position = p + loaderTail.length;
    }

    /** The end-of-data marker, then everything still buffered goes to the sink. */
    void finish() throws SQLException {
        room(2);
        SHORT.set(bytes, position, (short) -1);
        position += 2;
        flush();
    }

    private void room(int needed) throws SQLException {
        if (bytes.length - position < needed) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (position > 0) {
            sink.write(bytes, 0, position);
            position = 0;
        }
    }

    /**
     * Writes the value {@code unscaled} x 10^-scale at {@code p} in NUMERIC's send form, with its length; returns the
     * position after it. The form: ndigits, weight (of the first digit, in powers of 10000), sign, display scale,
     * then the base-10000 digits without leading or trailing zero digits. The decimal point falls between two
     * digits, so the value is first aligned to whole four-digit fraction groups (multiplied by 10^0 to 10^3).
     */
    int numeric(byte[] o, int p, long unscaled, int scale) {
        if (unscaled == 0) {
            // no digits, weight 0, sign 0, then the display scale: as one long, the scale itself
            INT.set(o, p, 8);
            LONG.set(o, p + 4, (long) scale);
            return p + 12;
        }
        // |unscaled| < 10^18 (precision <= 18), so the negation cannot overflow
        long magnitude = Math.abs(unscaled);
        int fractionGroups = (scale + 3) >> 2;
        int pad = 4 * fractionGroups - scale;
        short[] g = groups;
        int n = 0;
        long v;
        if (magnitude <= MAX_ALIGNED) {
            v = magnitude * ColumnType.powerOfTen(pad);
        } else {
            // aligned, it would pass a long: its last 16 digits first, from the part below 10^(16 - pad)
            long split = ColumnType.powerOfTen(16 - pad);
            long low = (magnitude % split) * ColumnType.powerOfTen(pad);
            for (int i = 0; i < 4; i++) {
                g[n++] = (short) (low % 10_000);
                low /= 10_000;
            }
            v = magnitude / split;
        }
        while (v != 0) {
            g[n++] = (short) (v % 10_000);
            v /= 10_000;
        }
        while (g[n - 1] == 0) {
            n--;
        }
        int weight = n - fractionGroups - 1;
        int lowest = 0;
        while (g[lowest] == 0) {
            lowest++;
        }
        int digits = n - lowest;
        INT.set(o, p, 8 + 2 * digits);
        SHORT.set(o, p + 4, (short) digits);
        SHORT.set(o, p + 6, (short) weight);
        SHORT.set(o, p + 8, unscaled < 0 ? NUMERIC_NEG : (short) 0);
        SHORT.set(o, p + 10, (short) scale);
        int q = p + 12;
        for (int i = n - 1; i >= lowest; i--) {
            SHORT.set(o, q, g[i]);
            q += 2;
        }
        return q;
    }
}
