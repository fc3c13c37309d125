package com.bank.gdw.loader.feed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.Layout;

/**
 * Accepted records of a file, column by column, in parsed form: decimals as unscaled longs, dates as epoch days,
 * text as its UTF-8 bytes in one arena per batch. Batches are reused, so reading a file allocates nothing per record:
 * objects made from a value (a String) are made by whoever consumes it, and die young there instead of waiting in the
 * queue long enough to be promoted.
 */
public final class RecordBatch {

    private final ColumnType.Kind[] kinds;
    private final int capacity;
    private int size;
    private final long[] lineNumbers;
    private final int[] scores;
    private final long[][] longs;
    private final int[][] ints;
    private final boolean[][] nulls;
    /** Per text column: where each value starts in the arena, and its length in bytes (-1: NULL). */
    private final int[][] textOffsets;
    private final int[][] textLengths;
    private byte[] arena;
    private int arenaUsed;

    public RecordBatch(Layout layout, int capacity) {
        int n = layout.size();
        this.capacity = capacity;
        this.kinds = new ColumnType.Kind[n];
        this.lineNumbers = new long[capacity];
        this.scores = new int[capacity];
        this.longs = new long[n][];
        this.ints = new int[n][];
        this.nulls = new boolean[n][];
        this.textOffsets = new int[n][];
        this.textLengths = new int[n][];
        int textColumns = 0;
        for (int c = 0; c < n; c++) {
            kinds[c] = layout.column(c).type().kind();
            switch (kinds[c]) {
                case DECIMAL:
                    longs[c] = new long[capacity];
                    nulls[c] = new boolean[capacity];
                    break;
                case DATE:
                    ints[c] = new int[capacity];
                    nulls[c] = new boolean[capacity];
                    break;
                default:
                    textOffsets[c] = new int[capacity];
                    textLengths[c] = new int[capacity];
                    textColumns++;
            }
        }
        this.arena = new byte[Math.max(1024, capacity * textColumns * 8)];
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    public int columnCount() {
        return kinds.length;
    }

    public ColumnType.Kind kind(int column) {
        return kinds[column];
    }

    public void clear() {
        size = 0;
        arenaUsed = 0;
    }

    /** Index of the row being filled; it becomes part of the batch only when {@link #commitRow} is called. */
    int openRow() {
        return size;
    }

    void commitRow(long lineNumber, int score) {
        lineNumbers[size] = lineNumber;
        scores[size] = score;
        size++;
    }

    public long lineNumber(int row) {
        return lineNumbers[row];
    }

    public int score(int row) {
        return scores[row];
    }

    public boolean isNull(int column, int row) {
        return nulls[column] != null ? nulls[column][row] : textLengths[column][row] < 0;
    }

    /** Unscaled value of a DECIMAL column (scale as in the layout). */
    public long unscaled(int column, int row) {
        return longs[column][row];
    }

    /** Days since 1970-01-01 of a DATE column. */
    public int epochDay(int column, int row) {
        return ints[column][row];
    }

    /** A text value as a String (made now; null for NULL). */
    public String text(int column, int row) {
        int length = textLengths[column][row];
        return length < 0 ? null : new String(arena, textOffsets[column][row], length, StandardCharsets.UTF_8);
    }

    /** The arena holding every text value of the batch as UTF-8; see {@link #textOffset} and {@link #textLength}. */
    public byte[] textBytes() {
        return arena;
    }

    public int textOffset(int column, int row) {
        return textOffsets[column][row];
    }

    /** Length in bytes of a text value, -1 for NULL. */
    public int textLength(int column, int row) {
        return textLengths[column][row];
    }

    void setNull(int column, int row) {
        if (nulls[column] != null) {
            nulls[column][row] = true;
        } else {
            textLengths[column][row] = -1;
        }
    }

    void setUnscaled(int column, int row, long value) {
        longs[column][row] = value;
        nulls[column][row] = false;
    }

    void setEpochDay(int column, int row, int value) {
        ints[column][row] = value;
        nulls[column][row] = false;
    }

    /** Copies UTF-8 bytes [from, from + length) of {@code source} in as the value. */
    void setText(int column, int row, byte[] source, int from, int length) {
        if (arenaUsed + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + length));
        }
        System.arraycopy(source, from, arena, arenaUsed, length);
        textOffsets[column][row] = arenaUsed;
        textLengths[column][row] = length;
        arenaUsed += length;
    }

    /** Copies one row of another batch (same layout) to the end of this one, with its line number and score. */
    public void copyRow(RecordBatch from, int row) {
        appendCopy(from, row, from.lineNumbers[row], from.scores[row]);
    }

    /** Copies the values of a row (committed or still open) of another batch, with its line number and score. */
    void appendCopy(RecordBatch from, int row, long lineNumber, int score) {
        int r = size;
        for (int c = 0; c < kinds.length; c++) {
            if (longs[c] != null) {
                longs[c][r] = from.longs[c][row];
                nulls[c][r] = from.nulls[c][row];
            } else if (ints[c] != null) {
                ints[c][r] = from.ints[c][row];
                nulls[c][r] = from.nulls[c][row];
            } else if (from.isNull(c, row)) {
                setNull(c, r);
            } else {
                setText(c, r, from.arena, from.textOffsets[c][row], from.textLengths[c][row]);
            }
        }
        commitRow(lineNumber, score);
    }

    /** Writes one row in a compact form, for spooling to disk. */
    void writeRow(int row, DataOutputStream out) throws IOException {
        out.writeLong(lineNumbers[row]);
        out.writeInt(scores[row]);
        for (int c = 0; c < kinds.length; c++) {
            boolean isNull = isNull(c, row);
            out.writeBoolean(isNull);
            if (isNull) {
                continue;
            }
            if (longs[c] != null) {
                out.writeLong(longs[c][row]);
            } else if (ints[c] != null) {
                out.writeInt(ints[c][row]);
            } else {
                out.writeInt(textLengths[c][row]);
                out.write(arena, textOffsets[c][row], textLengths[c][row]);
            }
        }
    }

    /** Reads a row written by {@link #writeRow} and appends it. */
    void readRow(DataInputStream in) throws IOException {
        int r = size;
        long line = in.readLong();
        int score = in.readInt();
        for (int c = 0; c < kinds.length; c++) {
            if (in.readBoolean()) {
                setNull(c, r);
            } else if (longs[c] != null) {
                setUnscaled(c, r, in.readLong());
            } else if (ints[c] != null) {
                setEpochDay(c, r, in.readInt());
            } else {
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                setText(c, r, value, 0, value.length);
            }
        }
        commitRow(line, score);
    }
}
