package com.bank.gdw.loader.stream;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column's SQL type as written in a layout file: VARCHAR(n), DECIMAL(p,s), DATE and the loader's own types. */
public record ColumnType(Kind kind, int length, int precision, int scale) {

    /** The kinds of value the loader reads or sets. */
    public enum Kind { VARCHAR, DECIMAL, DATE, TIMESTAMP, TIME, BIGINT, INTEGER }

    private static final Pattern VARCHAR = Pattern.compile("VARCHAR\\((\\d+)\\)");
    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC|NUMBER)\\((\\d+)\\s*(?:,\\s*(\\d+))?\\)");
    /** Unscaled decimals are kept in a long: 18 digits always fit. */
    public static final int MAX_PRECISION = 18;
    private static final long[] POWERS_OF_TEN = new long[MAX_PRECISION + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** 10^n, for 0 <= n <= {@link #MAX_PRECISION}: the factor between a decimal and its unscaled long. */
    public static long powerOfTen(int n) {
        return POWERS_OF_TEN[n];
    }

    public static ColumnType varchar(int length) {
        return new ColumnType(Kind.VARCHAR, length, 0, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, 0, precision, scale);
    }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0, 0);
    }

    public static ColumnType parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        Matcher m = VARCHAR.matcher(t);
        if (m.matches()) {
            return varchar(Integer.parseInt(m.group(1)));
        }
        m = DECIMAL.matcher(t);
        if (m.matches()) {
            int precision = Integer.parseInt(m.group(1));
            int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (precision > MAX_PRECISION || scale > precision) {
                throw new IllegalArgumentException("unsupported decimal type " + text + " (precision 1.." + MAX_PRECISION + ", scale <= precision)");
            }
            return decimal(precision, scale);
        }
        switch (t) {
            case "DATE": return of(Kind.DATE);
            case "TIMESTAMP": return of(Kind.TIMESTAMP);
            case "TIME": return of(Kind.TIME);
            case "BIGINT": return of(Kind.BIGINT);
            case "INTEGER": case "INT": return of(Kind.INTEGER);
            default: throw new IllegalArgumentException("unsupported column type " + text);
        }
    }

    /** The type in SQL shared by DuckDB, PostgreSQL and Snowflake. */
    public String sql() {
        switch (kind) {
            case VARCHAR: return "VARCHAR(" + length + ")";
            case DECIMAL: return "DECIMAL(" + precision + "," + scale + ")";
            default: return kind.name();
        }
    }
}
