package com.bank.gdw.loader.error;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.flywaydb.core.internal.exception.FlywaySqlException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementException;

/**
 * A failure said in one line that names its cause: what `run` prints on stdout for a scheduler to parse, what DCF's
 * ERROR_MESSAGE holds and what one ERROR log line says. Databases, drivers and libraries write messages of many lines
 * (PostgreSQL's "Where: COPY ..., line N", Flyway's ruled form, Jdbi's statement with its bound arguments, which may
 * quote a file's values); this is the one place that makes a line of them.
 */
public final class ErrorLine {

    /** Between the lines of a message folded into one. */
    static final String SEPARATOR = "; ";

    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    /** A line that only draws: Flyway's dashed rule, the caret under a statement's error position. */
    private static final Pattern RULE = Pattern.compile("[-=^~\\s]*");

    private ErrorLine() {
    }

    /**
     * The error as "Class: message" in one line. Wrappers are said by their cause: one without a message of its own, an
     * UncheckedIOException, Jdbi's exceptions (they add the statement and its bound arguments, values of a file among
     * them) and Flyway's SQL errors (they add a form of several lines). A connection the pool could not make is said by
     * why the database refused it.
     */
    public static String of(Throwable error) {
        Throwable t = telling(error);
        if (t instanceof SQLTransientConnectionException && t.getCause() instanceof SQLException refusal) {
            return "no connection to the database: " + named(refusal);
        }
        return named(t);
    }

    /**
     * The message in one line: its lines stripped and joined by "; ", drawn rules dropped, control characters escaped
     * (C1 and DEL too: the line goes to a terminal, a log and a mail).
     */
    public static String folded(String message) {
        if (message == null) {
            return null;
        }
        String joined = LINE_BREAK.splitAsStream(message).map(String::strip).filter(l -> !RULE.matcher(l).matches())
                .collect(Collectors.joining(SEPARATOR));
        return ControlCharacters.shown(joined);
    }

    /** What comes before the message's first line break, stripped: the message without the database's context lines. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return ControlCharacters.shown(LINE_BREAK.split(message, 2)[0].strip());
    }

    private static Throwable telling(Throwable error) {
        Throwable t = error;
        // a failed migration's message names its script, line and statement: that one is folded, not skipped
        while (t.getCause() != null && (t instanceof UncheckedIOException || t instanceof JdbiException
                || t instanceof FlywaySqlException && !(t instanceof FlywaySqlScriptException) || saysNoMore(t))) {
            t = t.getCause();
        }
        return t;
    }

    /** A wrapper with no message of its own (none, or its cause's): its cause says what went wrong. */
    private static boolean saysNoMore(Throwable t) {
        String m = t.getMessage();
        return m == null || m.equals(t.getCause().getMessage()) || m.equals(t.getCause().toString());
    }

    private static String named(Throwable t) {
        String message = t instanceof StatementException s ? s.getShortMessage() : t.getMessage();
        String name = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + folded(message);
    }
}
