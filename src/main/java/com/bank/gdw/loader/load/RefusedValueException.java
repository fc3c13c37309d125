package com.bank.gdw.loader.load;

import java.sql.SQLException;

/**
 * The database refused a value of the unit (out of range, not convertible, a byte its encoding does not allow): a
 * problem of the file, not of the database. Carries the file line and column when the database said which.
 */
public final class RefusedValueException extends SQLException {

    private final long line;
    private final String column;

    public RefusedValueException(SQLException refusal, long line, String column) {
        super(refusal.getMessage(), refusal.getSQLState(), refusal.getErrorCode(), refusal);
        this.line = line;
        this.column = column;
    }

    /** Line of the load file holding the value, or 0 when the database did not say. */
    public long line() {
        return line;
    }

    /** Column of the value, or null when the database did not say. */
    public String column() {
        return column;
    }
}
