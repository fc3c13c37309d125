package com.bank.gdw.loader.load;

import java.nio.ByteBuffer;
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
 * field count, then per field an int32 length (-1 for NULL) and the type's binary send form.
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
    private static final long[] POW10 = new long[19];
    private static final int[] POW10_INT = {1, 10, 100, 1000, 10_000};
    private static final short NUMERIC_NEG = 0x4000;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final Sink sink;
    private final byte[] bytes;
    private final ByteBuffer out;
    private final ColumnType.Kind[] kinds;
    private final int[] scales;
    private final short fieldCount;
    private final int maxRowBytes;
    /** The loader's columns before the line number (business date, load timestamp, load time, process id), encoded once. */
    private final byte[] loaderHead;
    /** The loader's columns after the line number (row security code), encoded once. */
    private final byte[] loaderTail;
    /** Base-10000 digits of one numeric, least significant last. */
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
        this.out = ByteBuffer.wrap(bytes);
    }

    /** Microseconds since 2000-01-01 00:00 of a wall-clock timestamp (the DCF clock is UTC; the column has no zone). */
    static long micros(LocalDateTime ts) {
        return (ts.toEpochSecond(ZoneOffset.UTC) - PG_EPOCH_SECOND) * 1_000_000L + ts.getNano() / 1000;
    }

    void header() throws SQLException {
        room(SIGNATURE.length + 8);
        out.put(SIGNATURE).putInt(0).putInt(0);
    }

    /** Encodes row {@code row} of the batch: its file values, then the loader's. */
    void row(RecordBatch b, int row) throws SQLException {
        room(maxRowBytes);
        ByteBuffer o = out;
        o.putShort(fieldCount);
        for (int c = 0; c < kinds.length; c++) {
            if (b.isNull(c, row)) {
                o.putInt(-1);
                continue;
            }
            switch (kinds[c]) {
                case DECIMAL -> numeric(b.unscaled(c, row), scales[c]);
                case DATE -> o.putInt(4).putInt(b.epochDay(c, row) - PG_EPOCH_DAY);
                default -> text(b.textBytes(), b.textOffset(c, row), b.textLength(c, row));
            }
        }
        o.put(loaderHead);
        o.putInt(8).putLong(b.lineNumber(row));
        o.put(loaderTail);
    }

    /** The end-of-data marker, then everything still buffered goes to the sink. */
    void finish() throws SQLException {
        room(2);
        out.putShort((short) -1);
        flush();
    }

    private void room(int needed) throws SQLException {
        if (out.remaining() < needed) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (out.position() > 0) {
            sink.write(bytes, 0, out.position());
            out.clear();
        }
    }

    /**
     * NUMERIC's send form: ndigits, weight (of the first digit, in powers of 10000), sign, display scale, then the
     * base-10000 digits without leading or trailing zero digits. The decimal point must fall between two digits,
     * so the fraction is split into groups of four from the point, the last one padded with zeros.
     */
    private void numeric(long unscaled, int scale) {
        ByteBuffer o = out;
        if (unscaled == 0) {
            o.putInt(8).putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) scale);
            return;
        }
        // |unscaled| < 10^18 (precision <= 18), so the negation cannot overflow
        long magnitude = Math.abs(unscaled);
        long whole = magnitude / POW10[scale];
        long fraction = magnitude % POW10[scale];
        short[] g = groups;
        int first = g.length;
        int fractionGroups = (scale + 3) / 4;
        if (fractionGroups > 0) {
            int lastDigits = scale - 4 * (fractionGroups - 1);
            g[--first] = (short) ((fraction % POW10[lastDigits]) * POW10_INT[4 - lastDigits]);
            fraction /= POW10[lastDigits];
            for (int i = 1; i < fractionGroups; i++) {
                g[--first] = (short) (fraction % 10_000);
                fraction /= 10_000;
            }
        }
        int weight = -1;
        while (whole > 0) {
            g[--first] = (short) (whole % 10_000);
            whole /= 10_000;
            weight++;
        }
        while (g[first] == 0) {
            first++;
            weight--;
        }
        int last = g.length;
        while (g[last - 1] == 0) {
            last--;
        }
        int n = last - first;
        o.putInt(8 + 2 * n).putShort((short) n).putShort((short) weight).putShort(unscaled < 0 ? NUMERIC_NEG : 0)
                .putShort((short) scale);
        for (int i = first; i < last; i++) {
            o.putShort(g[i]);
        }
    }

    /** Text goes as the UTF-8 bytes the file had (the parser checked them). */
    private void text(byte[] bytes, int offset, int length) {
        out.putInt(length).put(bytes, offset, length);
    }
}
