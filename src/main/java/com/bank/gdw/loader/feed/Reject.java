package com.bank.gdw.loader.feed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import com.bank.gdw.loader.error.ControlCharacters;
import com.bank.gdw.loader.error.TextCut;

/** A record that was not loaded: line number, reason, column (where one applies) and the offending value or raw record. */
public record Reject(long lineNumber, RejectReason reason, String column, String value) {

    /** The reject table keeps at most this many characters of a value. */
    public static final int MAX_VALUE_CHARS = 4000;

    public Reject {
        // the reject insert must never fail on the very value that was rejected
        value = ControlCharacters.escaped(value);
        value = TextCut.atMost(value, MAX_VALUE_CHARS, "");
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
