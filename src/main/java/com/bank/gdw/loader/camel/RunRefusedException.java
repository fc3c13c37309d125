package com.bank.gdw.loader.camel;

/** A run that must not start: the stream is inactive, or another run of it holds the lease. */
public class RunRefusedException extends RuntimeException {

    public RunRefusedException(String message) {
        super(message);
    }
}
