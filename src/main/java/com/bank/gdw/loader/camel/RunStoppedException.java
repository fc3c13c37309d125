package com.bank.gdw.loader.camel;

/** A unit did not succeed and the stream stops on that (DataStage semantics): the remaining units stay in landing. */
public class RunStoppedException extends RuntimeException {

    public RunStoppedException(String message) {
        super(message);
    }
}
