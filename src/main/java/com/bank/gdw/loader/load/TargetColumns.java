package com.bank.gdw.loader.load;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The columns of an existing target table compared with those its stream definition names: a column the loader writes
 * must be there, and a NOT NULL column without a default it does not write would refuse every row. Names compare
 * case-insensitively (PostgreSQL folds unquoted names to lower case, Snowflake to upper). A missing table is no
 * mismatch: the set-up creates it.
 */
public final class TargetColumns {

    private TargetColumns() {
    }

    /** One line naming the table and the differing columns, or null when they match or the table does not exist. */
    public static String problem(Connection c, StreamDefinition stream) throws SQLException {
        Map<String, Boolean> existing = columns(c, stream.targetTable());
        if (existing.isEmpty()) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        Map<String, Boolean> extra = new LinkedHashMap<>(existing);
        for (Column col : stream.targetColumns()) {
            if (extra.remove(col.name().toUpperCase(Locale.ROOT)) == null) {
                missing.add(col.name());
            }
        }
        List<String> unfilled = extra.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        if (missing.isEmpty() && unfilled.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing column(s) " + String.join(", ", missing));
        }
        if (!unfilled.isEmpty()) {
            parts.add("extra NOT NULL column(s) without a default, which the loader does not fill: " + String.join(", ", unfilled));
        }
        return "the target table " + stream.targetTable() + " of stream " + stream.code() + " does not match its definition: "
                + String.join("; ", parts);
    }

    /**
     * The table's columns by upper-case name, each with whether a row must give it a value (NOT NULL, no default);
     * empty when there is no such table. Looked up in the named schema, else the connection's current one, as the
     * name is given, in upper and in lower case (metadata lookups match names exactly).
     */
    private static Map<String, Boolean> columns(Connection c, String qualifiedName) throws SQLException {
        int dot = qualifiedName.lastIndexOf('.');
        String schema = dot < 0 ? c.getSchema() : qualifiedName.substring(0, dot);
        String table = qualifiedName.substring(dot + 1);
        DatabaseMetaData meta = c.getMetaData();
        for (String s : variants(schema)) {
            for (String t : variants(table)) {
                Map<String, Boolean> found = new LinkedHashMap<>();
                // the name as a pattern: its _ matches any character, so the rows are kept for this table only
                try (ResultSet rs = meta.getColumns(null, s, t, null)) {
                    while (rs.next()) {
                        if (!rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                            continue;
                        }
                        boolean notNull = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls;
                        String def = rs.getString("COLUMN_DEF");
                        found.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), notNull && (def == null || def.isBlank()));
                    }
                }
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return Map.of();
    }

    private static List<String> variants(String name) {
        if (name == null) {
            return Collections.singletonList(null);
        }
        return List.of(name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)).stream().distinct().toList();
    }
}
