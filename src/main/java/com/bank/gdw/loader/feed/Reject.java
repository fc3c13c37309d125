package com.bank.gdw.loader.feed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A record that was not loaded: line number, reason, column (where one applies) and the offending value or raw record. */
public record Reject(long lineNumber, RejectReason reason, String column, String value) {

    /** The reject table keeps at most this many characters of a value. */
    public static final int MAX_VALUE_CHARS = 4000;

    public Reject {
        value = escapeControls(value);
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            value = value.substring(0, MAX_VALUE_CHARS);
        }
    }

    /**
     * The value with C0 control characters other than TAB written as {@code \xNN}: a database may refuse them (NUL on
     * PostgreSQL), and the reject insert must never fail on the very value that was rejected.
     */
    static String escapeControls(String value) {
        if (value == null) {
            return null;
        }
        int i = 0;
        while (i < value.length() && (value.charAt(i) >= 0x20 || value.charAt(i) == '\t')) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8).append(value, 0, i);
        for (; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 && ch != '\t') {
                sb.append(String.format("\\x%02x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(lineNumber);
        out.writeByte(reason.ordinal());
        out.writeUTF(column == null ? "" : column);
        out.writeUTF(value == null ? "" : value);
    }

    static Reject read(DataInputStream in) throws IOException {
        long line = in.readLong();
        RejectReason reason = RejectReason.values()[in.readByte()];
        String column = in.readUTF();
        String value = in.readUTF();
        return new Reject(line, reason, column.isEmpty() ? null : column, value.isEmpty() ? null : value);
    }

    /** The one-line message operators see: file, line, column, reason. */
    public String describe(String fileName, String detail) {
        return fileName + " line " + lineNumber + (column != null ? " column " + column : "") + ": " + reason
                + (detail != null ? " (" + detail + ")" : "");
    }
}
