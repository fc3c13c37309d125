package com.bank.gdw.loader.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settles a unit's key suspects set-based, once the writer has staged them (every column of the target, the unit's
 * process id and each suspect's line): a suspect is the first record of its key when neither the unit's rows nor a
 * suspect of an earlier line hold the key (its fingerprint only collided with another key's), and becomes a row; every
 * other suspect repeats a key (DUPLICATE_KEY). One query finds the first records, usually none; only when there are
 * some do two more statements write them. The statements are the same on every database and do not depend on the
 * number of suspects: on Snowflake each statement is a warehouse query.
 */
final class RepeatedKeys {

    private final TargetTable t;
    private final String suspects;

    /** {@code suspects}: the table the suspects are staged in, with the target's columns. */
    RepeatedKeys(TargetTable t, String suspects) {
        this.t = t;
        this.suspects = suspects;
    }

    /** Writes the first records of their keys among the unit's staged suspects; returns their lines. */
    Set<Long> settle(Connection c, long processId) throws SQLException {
        Set<Long> lines = firstOfTheirKey(c, processId);
        if (!lines.isEmpty()) {
            removeOtherUnitsRows(c, processId);
            insertFirstOfTheirKey(c, processId);
        }
        return lines;
    }

    /**
     * The unit's suspects that are the first of their key: first among the suspects of that key (by line), and the key
     * held by no row of the unit. A window function and an anti-join on equalities only: Snowflake evaluates a
     * correlated subquery with an inequality in fewer forms than PostgreSQL and DuckDB do.
     */
    private String firstOfTheirKeySelect(String columns) {
        String process = t.processColumn();
        String key = String.join(", ", t.stream().businessKey());
        return "SELECT " + columns + " FROM (SELECT " + t.columnList() + ", ROW_NUMBER() OVER (PARTITION BY " + key + " ORDER BY "
                + t.lineColumn() + ") AS GDW_NTH FROM " + suspects + " WHERE " + process + " = ?) S"
                + " WHERE S.GDW_NTH = 1 AND NOT EXISTS (SELECT 1 FROM " + t.name() + " T WHERE T." + process + " = ? AND "
                + t.keyJoin("T", "S") + ")";
    }

    private Set<Long> firstOfTheirKey(Connection c, long processId) throws SQLException {
        Set<Long> lines = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(firstOfTheirKeySelect("S." + t.lineColumn()))) {
            bindProcess(ps, processId, 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getLong(1));
                }
            }
        }
        return lines;
    }

    /**
     * A key of another unit (of the same business date) that a first record takes over: that unit's row goes, as the
     * unit's bulk write replaces it. A key the unit holds is never another unit's as well, so this removes no row of a
     * repeated key.
     */
    private void removeOtherUnitsRows(Connection c, long processId) throws SQLException {
        String process = t.processColumn();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.name() + " T USING " + suspects + " S WHERE S." + process
                + " = ? AND " + t.keyJoin("S", "T") + " AND T." + process + " <> ?")) {
            bindProcess(ps, processId, 2);
            ps.executeUpdate();
        }
    }

    private void insertFirstOfTheirKey(Connection c, long processId) throws SQLException {
        String selected = t.columns().stream().map(col -> "S." + col.name()).collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.name() + " (" + t.columnList() + ") "
                + firstOfTheirKeySelect(selected))) {
            bindProcess(ps, processId, 2);
            ps.executeUpdate();
        }
    }

    private static void bindProcess(PreparedStatement ps, long processId, int times) throws SQLException {
        for (int i = 1; i <= times; i++) {
            ps.setLong(i, processId);
        }
    }
}
