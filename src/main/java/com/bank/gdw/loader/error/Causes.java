package com.bank.gdw.loader.error;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The chain of an error's causes, the one walk of it: what is worth showing of an error is most often its innermost
 * cause (Camel, Jdbi and the pool wrap what went wrong), and what decides how to react is a cause of a certain kind.
 */
public final class Causes {

    private Causes() {
    }

    /** The error and its causes, outermost first ({@link Throwable#getCause()} never answers the error itself). */
    public static Stream<Throwable> of(Throwable error) {
        return Stream.iterate(error, Objects::nonNull, Throwable::getCause);
    }

    /** The outermost of the error and its causes that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
        return of(error).filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The innermost cause, the error itself when it has none. */
    public static Throwable root(Throwable error) {
        return of(error).reduce((outer, inner) -> inner).orElseThrow();
    }

    /** The innermost cause's message, its class's simple name when it has none. */
    public static String rootMessage(Throwable error) {
        Throwable root = root(error);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
