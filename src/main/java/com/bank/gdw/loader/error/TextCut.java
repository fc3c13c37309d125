package com.bank.gdw.loader.error;

/**
 * Text cut to what a column or a message holds, never inside a character: a cut between the two halves of a surrogate
 * pair (an emoji, a CJK extension character) would leave half a character, which a database stores as '?'.
 */
public final class TextCut {

    private TextCut() {
    }

    /** The text if it has at most {@code max} chars, else its start followed by {@code marker}, {@code max} chars at most. */
    public static String atMost(String text, int max, String marker) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - marker.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + marker;
    }
}
