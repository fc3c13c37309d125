package com.bank.gdw.loader.feed;

import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.Layout;

/**
 * Accepted records of a file, column by column, in parsed form: decimals as unscaled longs, dates as epoch days,
 * text as strings. Batches are reused, so the pipeline allocates no per-record objects beyond the strings.
 */
public final class RecordBatch {

    private final ColumnType.Kind[] kinds;
    private final int capacity;
    private int size;
    private final long[] lineNumbers;
    private final int[] scores;
    private final long[][] longs;
    private final int[][] ints;
    private final String[][] texts;
    private final boolean[][] nulls;

    public RecordBatch(Layout layout, int capacity) {
        int n = layout.size();
        this.capacity = capacity;
        this.kinds = new ColumnType.Kind[n];
        this.lineNumbers = new long[capacity];
        this.scores = new int[capacity];
        this.longs = new long[n][];
        this.ints = new int[n][];
        this.texts = new String[n][];
        this.nulls = new boolean[n][];
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
                    texts[c] = new String[capacity];
            }
        }
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
        return nulls[column] != null ? nulls[column][row] : texts[column][row] == null;
    }

    /** Unscaled value of a DECIMAL column (scale as in the layout). */
    public long unscaled(int column, int row) {
        return longs[column][row];
    }

    /** Days since 1970-01-01 of a DATE column. */
    public int epochDay(int column, int row) {
        return ints[column][row];
    }

    public String text(int column, int row) {
        return texts[column][row];
    }

    /** The values of a text column by row (null for NULL), for writers that hand a column over at once; read only. */
    public String[] textColumn(int column) {
        return texts[column];
    }

    void setNull(int column, int row) {
        if (nulls[column] != null) {
            nulls[column][row] = true;
        } else {
            texts[column][row] = null;
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

    void setText(int column, int row, String value) {
        texts[column][row] = value;
    }

    /** Copies one row of another batch (same layout) to the end of this one. */
    public void copyRow(RecordBatch from, int row) {
        appendCopy(from, row, from.lineNumbers[row], from.scores[row]);
    }

    /** Copies the values of a row (committed or still open) of another batch, with its line number and score. */
    void appendCopy(RecordBatch from, int row, long lineNumber, int score) {
        int r = size;
        for (int c = 0; c < kinds.length; c++) {
            if (longs[c] != null) {
                longs[c][r] = from.longs[c][row];
            } else if (ints[c] != null) {
                ints[c][r] = from.ints[c][row];
            } else {
                texts[c][r] = from.texts[c][row];
            }
            if (nulls[c] != null) {
                nulls[c][r] = from.nulls[c][row];
            }
        }
        commitRow(lineNumber, score);
    }

    /** Writes one row in a compact form, for spooling to disk. */
    void writeRow(int row, java.io.DataOutputStream out) throws java.io.IOException {
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
                out.writeUTF(texts[c][row]);
            }
        }
    }

    /** Reads a row written by {@link #writeRow} and appends it. */
    void readRow(java.io.DataInputStream in) throws java.io.IOException {
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
                setText(c, r, in.readUTF());
            }
        }
        commitRow(line, score);
    }
}
