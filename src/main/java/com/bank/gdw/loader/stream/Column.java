package com.bank.gdw.loader.stream;

/** One column of a feed layout or of the target table. */
public record Column(String name, ColumnType type, boolean nullable, String description) {
}
