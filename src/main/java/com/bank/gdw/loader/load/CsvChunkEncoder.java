package com.bank.gdw.loader.load;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.Layout;

/**
 * Encodes a unit's rows as gzip-compressed CSV chunks that {@link #FILE_FORMAT} reads back exactly: every target
 * column in table order, the loader's values included. A chunk is cut once its uncompressed size passes the limit,
 * so memory holds one compressed chunk whatever the file size.
 *
 * <p>Encoding: text is always enclosed in double quotes, a quote inside doubled; a backslash is an ordinary character
 * (no escape character at all); NULL is a field with nothing in it, not even quotes, so the empty string ({@code ""})
 * stays distinct from it. Decimals are written from the unscaled long and the layout's scale, dates as YYYY-MM-DD.
 * The feed's values cannot hold the delimiter of their own file but may hold quotes, commas and backslashes.
 */
final class CsvChunkEncoder {

    /**
     * The Snowflake file format of these chunks. NULL_IF is empty so no text value ever turns into NULL (the default
     * would take the text {@code \N}); ESCAPE_UNENCLOSED_FIELD is NONE because its default is the backslash.
     * ERROR_ON_COLUMN_COUNT_MISMATCH: the COPY maps fields to columns by position, so a count that differs must fail.
     */
    static final String FILE_FORMAT = "(TYPE = CSV COMPRESSION = GZIP FIELD_DELIMITER = ',' RECORD_DELIMITER = '\\n' "
            + "SKIP_HEADER = 0 FIELD_OPTIONALLY_ENCLOSED_BY = '\"' ESCAPE = NONE ESCAPE_UNENCLOSED_FIELD = NONE "
            + "EMPTY_FIELD_AS_NULL = TRUE NULL_IF = () TRIM_SPACE = FALSE ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE "
            + "ENCODING = 'UTF8' DATE_FORMAT = 'YYYY-MM-DD' TIME_FORMAT = 'HH24:MI:SS' "
            + "TIMESTAMP_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9')";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ColumnType.Kind[] kinds;
    private final int[] scales;
    private final byte[] loaderHead;
    private final byte[] loaderTail;
    private final long limit;
    private final long compressedLimit;
    private Deflater deflater;
    private final ChunkBuffer compressed = new ChunkBuffer();
    private final byte[] digits = new byte[20];
    private byte[] line = new byte[4096];
    private int length;
    private GZIPOutputStream gzip;
    private long uncompressed;
    private int rows;

    /**
     * @param chunkBytes      uncompressed bytes per chunk
     * @param compressedBytes compressed bytes per chunk at most (plus one row): what the chunk holds in memory, twice
     *                        while it uploads, whatever the data's compression ratio
     */
    CsvChunkEncoder(TargetLoad load, long chunkBytes, long compressedBytes) {
        Layout layout = load.stream().layout();
        this.kinds = new ColumnType.Kind[layout.size()];
        this.scales = new int[layout.size()];
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = layout.column(c).type().kind();
            scales[c] = layout.column(c).type().scale();
        }
        // the loader's columns (TargetTable.columns() order): business date, load timestamp, [load time], process id,
        // then the line number of each row, then the row security code
        StringBuilder head = new StringBuilder().append(',').append(load.businessDate())
                .append(',').append(TIMESTAMP.format(load.loadTimestamp()));
        if (load.stream().loaderColumns().loadTime() != null) {
            head.append(',').append(TIME.format(load.loadTimestamp()));
        }
        head.append(',').append(load.processId()).append(',');
        this.loaderHead = head.toString().getBytes(StandardCharsets.US_ASCII);
        this.loaderTail = ("," + load.stream().rowSecurityCode() + "\n").getBytes(StandardCharsets.US_ASCII);
        this.limit = chunkBytes;
        this.compressedLimit = compressedBytes;
    }

    /** Appends one row of the batch to the current chunk. */
    void append(RecordBatch b, int row) throws IOException {
        length = 0;
        for (int c = 0; c < kinds.length; c++) {
            if (c > 0) {
                put((byte) ',');
            }
            if (b.isNull(c, row)) {
                continue;
            }
            switch (kinds[c]) {
                case DECIMAL -> putDecimal(b.unscaled(c, row), scales[c]);
                case DATE -> putDate(b.epochDay(c, row));
                default -> putText(b.text(c, row));
            }
        }
        put(loaderHead);
        putDecimal(b.lineNumber(row), 0);
        put(loaderTail);
        if (gzip == null) {
            compressed.reset();
            gzip = new GZIPOutputStream(compressed, 1 << 16) {
                {
                    // the CPU is shared with the reading thread; the stage does not care how small a chunk is
                    def.setLevel(Deflater.BEST_SPEED);
                    deflater = def;
                }
            };
        }
        gzip.write(line, 0, length);
        uncompressed += length;
        rows++;
    }

    /** True once the current chunk has reached its size. */
    boolean isFull() {
        return uncompressed >= limit || deflater != null && deflater.getBytesWritten() >= compressedLimit;
    }

    /** Rows in the current chunk. */
    int rows() {
        return rows;
    }

    /**
     * Closes the current chunk and returns its compressed bytes; they stay valid until the next call, and the encoder
     * starts a new chunk with the next row.
     */
    InputStream finish() throws IOException {
        gzip.close();
        gzip = null;
        uncompressed = 0;
        rows = 0;
        return compressed.contents();
    }

    private void putText(String s) {
        put((byte) '"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 0x80) {
                // the rest in UTF-8; a quote byte never occurs inside a multi-byte sequence
                for (byte x : s.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    putQuoted(x);
                }
                break;
            }
            putQuoted((byte) ch);
        }
        put((byte) '"');
    }

    private void putQuoted(byte x) {
        if (x == '"') {
            put((byte) '"');
        }
        put(x);
    }

    /** Writes unscaled * 10^-scale in plain notation, digit by digit: no floating point, no rounding. */
    private void putDecimal(long unscaled, int scale) {
        long v = unscaled;
        if (v < 0) {
            put((byte) '-');
            v = -v; // a layout decimal has at most 18 digits, so Long.MIN_VALUE never comes here
        }
        int n = 0;
        do {
            digits[n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (n <= scale) {
            digits[n++] = '0';
        }
        for (int i = n - 1; i >= 0; i--) {
            if (i == scale - 1) {
                put((byte) '.');
            }
            put(digits[i]);
        }
    }

    private void putDate(int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        putPadded(d.getYear(), 4);
        put((byte) '-');
        putPadded(d.getMonthValue(), 2);
        put((byte) '-');
        putPadded(d.getDayOfMonth(), 2);
    }

    private void putPadded(int value, int width) {
        int div = 1;
        for (int i = 1; i < width; i++) {
            div *= 10;
        }
        for (; div > 0; div /= 10) {
            put((byte) ('0' + value / div % 10));
        }
    }

    private void put(byte[] bytes) {
        for (byte x : bytes) {
            put(x);
        }
    }

    private void put(byte x) {
        if (length == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[length++] = x;
    }

    /** The compressed chunk, read in place rather than copied. */
    private static final class ChunkBuffer extends ByteArrayOutputStream {

        ChunkBuffer() {
            super(1 << 20);
        }

        InputStream contents() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }
}
