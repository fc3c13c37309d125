package com.bank.gdw.loader.error;

/**
 * Text from a file, made safe to store and show: C0 control characters written as {@code \xNN}. A database may refuse
 * them (PostgreSQL refuses NUL in any text column), and a row that quotes a bad file must never fail on the very bytes
 * it reports.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The text with every C0 control character but TAB escaped (a value: one line, as in its file). */
    public static String escaped(String text) {
        return escaped(text, false);
    }

    /** The text with every C0 control character but TAB, LF and CR escaped (a message, whose lines are its own). */
    public static String escapedKeepingLines(String text) {
        return escaped(text, true);
    }

    private static String escaped(String text, boolean keepLines) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !escapes(text.charAt(i), keepLines)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (escapes(ch, keepLines)) {
                sb.append(String.format("\\x%02x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean escapes(char ch, boolean keepLines) {
        return ch < 0x20 && ch != '\t' && !(keepLines && (ch == '\n' || ch == '\r'));
    }
}
