package com.bank.gdw.loader.dcf;

import com.bank.gdw.loader.error.ControlCharacters;
import com.bank.gdw.loader.error.TextCut;

/**
 * Free text made fit for the DCF message columns: control characters escaped (messages quote bad files, and PostgreSQL
 * refuses NUL), cut to what the column holds.
 */
final class Texts {

    static final int MAX = 4000;

    private Texts() {
    }

    static String cut(String text) {
        return cut(text, MAX);
    }

    static String cut(String text, int max) {
        return TextCut.atMost(ControlCharacters.escapedKeepingLines(text), max, "...");
    }
}
