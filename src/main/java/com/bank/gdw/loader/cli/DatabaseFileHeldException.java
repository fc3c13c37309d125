package com.bank.gdw.loader.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.bank.gdw.loader.camel.CamelErrors;
import com.bank.gdw.loader.db.DatabaseKind;

/**
 * The embedded database file is held by another process, a running {@code serve}: DuckDB lets one process open a
 * file, refuses every other at once and names the holder's PID. {@code status} then asks that serve over HTTP,
 * {@code validate} reports it, and {@code serve}, {@code run}, {@code replay} and {@code release-lock} are refused with
 * {@link #EXIT_CODE} before their Camel starts ({@link DcfStartCheck}), instead of waiting for connections their pool
 * cannot get.
 */
final class DatabaseFileHeldException extends RuntimeException {

    /** Exit code of a one-shot command refused: as for a stream another run holds, the holder is alive. */
    static final int EXIT_CODE = 4;

    private static final String DUCKDB = "jdbc:duckdb:";
    private static final Pattern PID = Pattern.compile("\\(PID (\\d+)\\)");

    private DatabaseFileHeldException(String message) {
        super(message, null, false, false);
    }

    /** What {@code failure}, opening {@code url}, says when another process holds the embedded file; else null. */
    static DatabaseFileHeldException of(String url, Throwable failure) {
        String message = CamelErrors.rootMessage(failure);
        // DuckDB: IO Error: Could not set lock on file "...": Conflicting lock is held in /usr/bin/java (PID 12) by user x
        if (DatabaseKind.of(url) != DatabaseKind.DUCKDB || message == null || !message.contains("lock")) {
            return null;
        }
        Matcher pid = PID.matcher(message);
        return new DatabaseFileHeldException("the embedded database file " + url.substring(DUCKDB.length()) + " is held by another process"
                + (pid.find() ? " (PID " + pid.group(1) + ")" : "") + ", a running serve: stop it first, or use its JMX operations");
    }

    /** Throws the refusal when the failure to open {@code url} is another process's lock on the embedded file. */
    static void throwIfHeld(String url, RuntimeException failure) {
        DatabaseFileHeldException held = of(url, failure);
        if (held != null) {
            throw held;
        }
    }
}
