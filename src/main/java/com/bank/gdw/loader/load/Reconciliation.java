package com.bank.gdw.loader.load;

import java.math.BigDecimal;

/** What the target holds for a process instance: rows and the sum of the control amount. */
public record Reconciliation(long rows, BigDecimal amount) {

    public boolean matches(long expectedRows, BigDecimal expectedAmount) {
        BigDecimal a = amount == null ? BigDecimal.ZERO : amount;
        return rows == expectedRows && a.compareTo(expectedAmount) == 0;
    }
}
