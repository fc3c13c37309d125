package com.bank.gdw.loader.dcf;

/** Limits free text to what the DCF message columns hold. */
final class Texts {

    static final int MAX = 4000;

    private Texts() {
    }

    static String cut(String text) {
        return cut(text, MAX);
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
