package com.bank.gdw.loader.camel;

import com.bank.gdw.loader.error.Causes;

/** The message worth showing of an exception chain: the innermost one ({@link Causes#rootMessage}). */
public final class CamelErrors {

    private CamelErrors() {
    }

    public static String rootMessage(Throwable e) {
        return Causes.rootMessage(e);
    }
}
