package com.bank.gdw.loader.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
     * empty when there is no such table. Read from information_schema, which PostgreSQL, DuckDB and Snowflake share
     * (the Snowflake driver's metadata calls are SHOW commands its emulator does not answer), in the named schema,
     * else the connection's current one, names compared in any case.
     */
    private static Map<String, Boolean> columns(Connection c, String qualifiedName) throws SQLException {
        int dot = qualifiedName.lastIndexOf('.');
        String schema = dot < 0 ? null : qualifiedName.substring(0, dot);
        String table = qualifiedName.substring(dot + 1);
        String sql = "SELECT column_name, is_nullable, column_default FROM information_schema.columns"
                + " WHERE upper(table_name) = upper(?) AND upper(table_schema) = "
                + (schema == null ? "upper(current_schema())" : "upper(?)");
        Map<String, Boolean> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            if (schema != null) {
                ps.setString(2, schema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean notNull = "NO".equalsIgnoreCase(rs.getString(2));
                    String def = rs.getString(3);
                    found.put(rs.getString(1).toUpperCase(Locale.ROOT), notNull && (def == null || def.isBlank()));
                }
            }
        }
        return found;
    }
}
