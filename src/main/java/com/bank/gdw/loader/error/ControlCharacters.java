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

    /**
     * The text with every control character but TAB escaped: C0, DEL and C1 ({@code \u009b} is a terminal's CSI as
     * {@code ESC [} is). Text on its way to a terminal or a log line, where any of them would act instead of show.
     */
    public static String shown(String text) {
        return escaped(text, false, true);
    }

    private static String escaped(String text, boolean keepLines) {
        return escaped(text, keepLines, false);
    }

    private static String escaped(String text, boolean keepLines, boolean allControls) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !escapes(text.charAt(i), keepLines, allControls)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (escapes(ch, keepLines, allControls)) {
                sb.append(String.format("\\x%02x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean escapes(char ch, boolean keepLines, boolean allControls) {
        if (allControls && ch >= 0x7f && ch <= 0x9f) {
            return true;
        }
        return ch < 0x20 && ch != '\t' && !(keepLines && (ch == '\n' || ch == '\r'));
    }
}
