package com.bank.gdw.loader.stream;

import java.util.regex.Pattern;

/** The one rule for names from configuration that are written into SQL: plain identifiers, never quoted or escaped. */
public final class SqlIdentifier {

    /** What {@link #isName} accepts, in words for error messages. */
    public static final String NAME_RULE = "a letter or _, then letters, digits, _ or $";
    /** What {@link #isQualifiedName} accepts, in words for error messages. */
    public static final String QUALIFIED_RULE = NAME_RULE + "; optionally schema.table";

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_$]*";
    private static final Pattern PLAIN = Pattern.compile(NAME);
    private static final Pattern QUALIFIED = Pattern.compile(NAME + "(\\." + NAME + "){0,2}");

    private SqlIdentifier() {
    }

    /** A column's name: one identifier. */
    public static boolean isName(String name) {
        return name != null && PLAIN.matcher(name).matches();
    }

    /** A table's or stage's name: an identifier, optionally qualified by a schema (and a database). */
    public static boolean isQualifiedName(String name) {
        return name != null && QUALIFIED.matcher(name).matches();
    }
}
