package com.bank.gdw.loader.feed;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.Layout;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Splits one record line into fields and converts each to its column type, straight from the bytes:
 * trims spaces, treats empty as NULL, checks the field count, the key fields, lengths, precision, calendar dates,
 * UTF-8 and control characters (none but TAB in text). One instance per thread.
 */
public final class RecordParser {

    /**
     * What parsing one record line found: accepted (the caller commits the row), with how many DATE fields held the
     * marker; or rejected, with the reason, the column and the words. The parser keeps one and overwrites it with
     * each line, so that an accepted record costs no allocation: read it before parsing the next line.
     */
    public final class Outcome {

        private RejectReason reason;
        private int column;
        private String failure;
        private int dateMarkers;

        private Outcome() {
        }

        public boolean accepted() {
            return reason == null;
        }

        /** Why the record is rejected. */
        public RejectReason reason() {
            if (reason == null) {
                throw new IllegalStateException("the record was accepted");
            }
            return reason;
        }

        /** Column index of the field that failed (-1 for a field-count reject). */
        public int column() {
            return column;
        }

        /** Why the record is rejected, in words. */
        public String failure() {
            return failure;
        }

        /** How many DATE fields of the accepted record held the marker. */
        public int dateMarkers() {
            return dateMarkers;
        }

        /** Text of the field that failed (after trimming), for reject rows and messages. */
        public String fieldText(byte[] line) {
            return decodeLenient(line, starts[column], ends[column]);
        }

        private void reset() {
            reason = null;
            column = -1;
            failure = null;
            dateMarkers = 0;
        }

        private Outcome reject(RejectReason why, int failedColumn) {
            reason = why;
            column = failedColumn;
            return this;
        }
    }

    private static final int[] POW10_INT = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
    /** Eight bytes of a line at a time, for the delimiter search. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_SEVEN_BITS = 0x7F7F_7F7F_7F7F_7F7FL;

    private final byte delimiter;
    /** The delimiter in each byte of a word. */
    private final long delimiters;
    private final int fieldCount;
    private final ColumnType.Kind[] kinds;
    private final int[] lengths;
    private final int[] integerDigits;
    private final int[] scales;
    private final boolean[] key;
    private final boolean[] required;
    private final byte[] dateMarker;
    private final int[] starts;
    private final int[] ends;
    private CharBuffer chars = CharBuffer.allocate(256);
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private final Outcome outcome = new Outcome();

    public RecordParser(StreamDefinition stream) {
        Layout layout = stream.layout();
        this.delimiter = (byte) stream.delimiter();
        this.delimiters = (delimiter & 0xFFL) * 0x0101_0101_0101_0101L;
        this.fieldCount = layout.size();
        this.kinds = new ColumnType.Kind[fieldCount];
        this.lengths = new int[fieldCount];
        this.integerDigits = new int[fieldCount];
        this.scales = new int[fieldCount];
        this.key = new boolean[fieldCount];
        this.required = new boolean[fieldCount];
        for (int c = 0; c < fieldCount; c++) {
            ColumnType t = layout.column(c).type();
            kinds[c] = t.kind();
            lengths[c] = t.length();
            integerDigits[c] = t.precision() - t.scale();
            scales[c] = t.scale();
            required[c] = !layout.column(c).nullable();
        }
        for (int k : stream.keyIndexes()) {
            key[k] = true;
            required[k] = true;
        }
        this.dateMarker = stream.dateMarker() == null ? null : stream.dateMarker().getBytes(StandardCharsets.US_ASCII);
        this.starts = new int[fieldCount];
        this.ends = new int[fieldCount];
    }

    /** Parses bytes [from, to) of {@code line} into the open row of {@code batch}: accepted, or rejected and why. */
    public Outcome parse(byte[] line, int from, int to, RecordBatch batch) {
        outcome.reset();
        if (!split(line, from, to)) {
            return outcome.reject(RejectReason.FIELD_COUNT, -1);
        }
        for (int c = 0; c < fieldCount; c++) {
            if (key[c] && starts[c] == ends[c]) {
                outcome.failure = "key field is empty";
                return outcome.reject(RejectReason.KEY_MISSING, c);
            }
        }
        int row = batch.openRow();
        for (int c = 0; c < fieldCount; c++) {
            int s = starts[c];
            int e = ends[c];
            if (s == e) {
                if (required[c]) {
                    outcome.failure = "required value is empty";
                    return outcome.reject(RejectReason.INVALID_VALUE, c);
                }
                batch.setNull(c, row);
                continue;
            }
            boolean ok;
            switch (kinds[c]) {
                case DECIMAL:
                    ok = parseDecimal(line, s, e, c, batch, row);
                    break;
                case DATE:
                    ok = parseDate(line, s, e, c, batch, row);
                    break;
                default:
                    ok = parseText(line, s, e, c, batch, row);
            }
            if (!ok) {
                return outcome.reject(RejectReason.INVALID_VALUE, c);
            }
        }
        return outcome;
    }

    /**
     * Field boundaries, trimmed of spaces; false when the record does not have exactly the layout's field count.
     * The delimiters are found eight bytes at a time: a word XOR the delimiter in every byte has a zero byte exactly
     * where the delimiter is, and the arithmetic below sets the high bit of exactly those bytes (no carry crosses a
     * byte, so no false match), lowest address first in a little-endian word.
     */
    private boolean split(byte[] b, int from, int to) {
        int field = 0;
        int start = from;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) WORD.get(b, i) ^ delimiters;
            long found = ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS);
            while (found != 0) {
                int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
                if (!endField(b, field++, start, at)) {
                    return false;
                }
                start = at + 1;
                found &= found - 1;
            }
        }
        for (; i < to; i++) {
            if (b[i] == delimiter) {
                if (!endField(b, field++, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        if (!endField(b, field++, start, to)) {
            return false;
        }
        if (field != fieldCount) {
            outcome.failure = field + " fields, expected " + fieldCount;
            return false;
        }
        return true;
    }

    /** Records field {@code field} as bytes [s, e) without surrounding spaces; false when the layout has no such field. */
    private boolean endField(byte[] b, int field, int s, int e) {
        if (field == fieldCount) {
            outcome.failure = "more than " + fieldCount + " fields";
            return false;
        }
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        starts[field] = s;
        ends[field] = e;
        return true;
    }

    /**
     * An optional sign, digits, optionally a point and at most the scale's digits. Leading zeros are not digits of
     * the magnitude; a value with too many digits may overflow the long on its way, but is rejected before use.
     */
    private boolean parseDecimal(byte[] b, int s, int e, int c, RecordBatch batch, int row) {
        int i = s;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        int digitsFrom = i;
        while (i < e && b[i] == '0') {
            i++;
        }
        int significantFrom = i;
        long unscaled = 0;
        int d;
        while (i < e && (d = b[i] - '0') >= 0 && d <= 9) {
            unscaled = unscaled * 10 + d;
            i++;
        }
        if (i - significantFrom > integerDigits[c]) {
            outcome.failure = "more than " + integerDigits[c] + " integer digits";
            return false;
        }
        if (i == digitsFrom) {
            outcome.failure = "not a number";
            return false;
        }
        int fraction = 0;
        if (i < e && b[i] == '.') {
            int fractionFrom = ++i;
            while (i < e && (d = b[i] - '0') >= 0 && d <= 9) {
                unscaled = unscaled * 10 + d;
                i++;
            }
            fraction = i - fractionFrom;
            if (fraction > scales[c]) {
                outcome.failure = "more than " + scales[c] + " fraction digits";
                return false;
            }
        }
        if (i != e) {
            outcome.failure = "not a number";
            return false;
        }
        unscaled *= ColumnType.powerOfTen(scales[c] - fraction);
        batch.setUnscaled(c, row, negative ? -unscaled : unscaled);
        return true;
    }

    private boolean parseDate(byte[] b, int s, int e, int c, RecordBatch batch, int row) {
        if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') {
            outcome.failure = "not a date YYYY-MM-DD";
            return false;
        }
        if (dateMarker != null && matches(b, s, dateMarker)) {
            outcome.dateMarkers++;
            batch.setNull(c, row);
            return true;
        }
        int y = digits(b, s, 4);
        int m = digits(b, s + 5, 2);
        int d = digits(b, s + 8, 2);
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > lengthOfMonth(y, m)) {
            outcome.failure = "not a calendar date";
            return false;
        }
        batch.setEpochDay(c, row, (int) epochDay(y, m, d));
        return true;
    }

    private boolean parseText(byte[] b, int s, int e, int c, RecordBatch batch, int row) {
        boolean ascii = true;
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                ascii = false;
            } else if (b[i] < 0x20 && b[i] != '\t') {
                // NUL (mainframe low-values) and the other C0 controls: PostgreSQL refuses NUL, DuckDB took it, so
                // every database rejects them here alike; a UTF-8 continuation byte is never below 0x80
                outcome.failure = String.format("control character 0x%02X", b[i]);
                return false;
            }
        }
        int characters = ascii ? e - s : utf8Characters(b, s, e);
        if (characters < 0) {
            outcome.failure = "not valid UTF-8";
            return false;
        }
        if (characters > lengths[c]) {
            outcome.failure = "longer than " + lengths[c] + " characters";
            return false;
        }
        batch.setText(c, row, b, s, e - s);
        return true;
    }

    /** Characters (code points) of valid UTF-8 bytes, or -1 when they are not valid UTF-8; decodes into a reused buffer. */
    private int utf8Characters(byte[] b, int s, int e) {
        if (chars.capacity() < e - s) {
            chars = CharBuffer.allocate(e - s);
        }
        chars.clear();
        utf8.reset();
        CoderResult r = utf8.decode(ByteBuffer.wrap(b, s, e - s), chars, true);
        if (r.isError() || utf8.flush(chars).isError()) {
            return -1;
        }
        chars.flip();
        return Character.codePointCount(chars, 0, chars.limit());
    }

    private static boolean matches(byte[] b, int s, byte[] what) {
        for (int i = 0; i < what.length; i++) {
            if (b[s + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    /** The value of n ASCII digits, or -1 when one is not a digit. */
    private static int digits(byte[] b, int s, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = b[s + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v += d * POW10_INT[n - 1 - i];
        }
        return v;
    }

    private static int lengthOfMonth(int y, int m) {
        switch (m) {
            case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** Same arithmetic as LocalDate.toEpochDay, without the object. */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            boolean leap = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
            if (!leap) {
                total--;
            }
        }
        return total - 719528;
    }

    static String decodeLenient(byte[] b, int s, int e) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(b, s, e - s)).toString();
        } catch (CharacterCodingException x) {
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
    }

}
