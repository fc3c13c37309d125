package com.bank.gdw.loader.dcf;

import com.bank.gdw.loader.error.Causes;

/**
 * The stream's lease is no longer this instance's (it expired, or another instance took it): the side effect that
 * asked is not done, and the transaction it was part of rolls back. The instance that lost the lease changes nothing
 * more; the lease's new holder puts right what it left.
 */
public final class LeaseLostException extends IllegalStateException {

    public LeaseLostException(String message) {
        super(message);
    }

    /** True when the error, or one of its causes, is a lost lease. */
    public static boolean isCause(Throwable error) {
        return Causes.find(error, LeaseLostException.class).isPresent();
    }
}
