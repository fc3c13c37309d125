package com.bank.gdw.loader.feed;

/** A load file that cannot be read as a feed at all (not gzip, truncated, a line beyond the limit). */
public class FeedFormatException extends RuntimeException {

    public FeedFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public FeedFormatException(String message) {
        super(message);
    }
}
