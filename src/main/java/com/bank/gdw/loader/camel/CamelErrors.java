package com.bank.gdw.loader.camel;

/** The message worth showing of an exception chain: the innermost one. */
public final class CamelErrors {

    private CamelErrors() {
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
