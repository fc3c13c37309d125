package com.bank.gdw.loader.unit;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;

import com.bank.gdw.loader.error.Causes;
import com.bank.gdw.loader.error.ErrorLine;
import com.bank.gdw.loader.feed.FeedFormatException;
import com.bank.gdw.loader.load.RefusedValueException;

/**
 * Why a unit broke off, and whose problem that is: the one place that decides between the file (unreadable, corrupt,
 * over a cap, a value the database refuses: files to error/) and the infrastructure (database, disk: files stay in
 * landing for the next run, up to {@code loader.unit.max-attempts} times on the same bytes).
 */
public record UnitFailure(FailureKind kind, String message) {

    /** The failure an error of the unit's load means, its message naming the file, line and column where known. */
    public static UnitFailure of(Throwable error, String fileName) {
        Optional<Throwable> ofTheFile = Causes.of(error).filter(t -> t instanceof RefusedValueException
                || t instanceof FeedFormatException || t instanceof AccessDeniedException || t instanceof NoSuchFileException).findFirst();
        if (ofTheFile.isEmpty()) {
            return new UnitFailure(FailureKind.INFRASTRUCTURE, describe(error));
        }
        if (ofTheFile.get() instanceof RefusedValueException r) {
            return new UnitFailure(FailureKind.FILE, fileName + (r.line() > 0 ? " line " + r.line() : "")
                    + (r.column() != null ? " column " + r.column().toUpperCase(Locale.ROOT) : "")
                    + ": the database refused a value: " + ErrorLine.firstLine(r.getMessage()));
        }
        return new UnitFailure(FailureKind.FILE, describe(error));
    }

    /**
     * The failure of a unit none of whose files could be claimed (landing's directory not writable, or no longer on the
     * file system of inprocess): nothing of it can be moved, to error/ or anywhere, so its files stay in landing and
     * every run tries them again, whose failure notice is the alarm; the message says so rather than promise error/.
     */
    public UnitFailure unclaimed() {
        return new UnitFailure(kind, message + "; none of the unit's files could be claimed, so they stay in landing and the next"
                + " run tries them again");
    }

    /**
     * After the infrastructure failed the unit {@code attempts} times on the same bytes, it is not retried again: from
     * {@code maxAttempts} on it is treated as a problem of the file (the fault is most likely in the bytes after all).
     */
    public UnitFailure afterAttempts(long attempts, int maxAttempts) {
        if (kind == FailureKind.FILE || attempts < maxAttempts) {
            return this;
        }
        return new UnitFailure(FailureKind.FILE, message + "; the unit failed " + attempts + " times on the same bytes"
                + " (loader.unit.max-attempts = " + maxAttempts + "): its files go to the error directory and it is not retried");
    }

    /** One line: a file's format problem as the reader said it (file, line), anything else as ErrorLine says it. */
    private static String describe(Throwable e) {
        return Causes.find(e, FeedFormatException.class)
                .map(f -> f.getMessage() == null ? ErrorLine.of(f) : ErrorLine.folded(f.getMessage())).orElseGet(() -> ErrorLine.of(e));
    }
}
