package com.bank.gdw.loader.load;

import java.sql.SQLException;

/** A direct write met a business key the target already holds for another unit: the load is redone through staging. */
public class KeyConflictException extends SQLException {

    public KeyConflictException(SQLException cause) {
        super("a business key of the file is already in the target for another unit: " + cause.getMessage(), cause.getSQLState(), cause);
    }
}
