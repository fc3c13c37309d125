package com.bank.gdw.loader.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * An order-independent checksum of the file columns of a target table (row count and the sum of a hash per row), so
 * that what the loader wrote can be compared with what the database's own import made of the same file.
 */
record TableChecksum(long rows, String sum) {

    /** PostgreSQL: the row's text form (decimals keep their scale) through hashtext. */
    static TableChecksum postgres(Connection c, StreamDefinition s) throws SQLException {
        return query(c, "SELECT COUNT(*), SUM(hashtext(ROW(" + columns(s) + ")::text)::bigint) FROM " + s.targetTable());
    }

    /** DuckDB: its hash of the row's values. */
    static TableChecksum duckdb(Connection c, StreamDefinition s) throws SQLException {
        return query(c, "SELECT COUNT(*), SUM(hash(" + columns(s) + ")::HUGEINT) FROM " + s.targetTable());
    }

    private static String columns(StreamDefinition s) {
        return s.layout().columns().stream().map(Column::name).collect(Collectors.joining(", "));
    }

    private static TableChecksum query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new TableChecksum(rs.getLong(1), String.valueOf(rs.getObject(2)));
        }
    }
}
