package com.bank.gdw.loader.load;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.db.UtcTimestamps;

/**
 * The SQL every writer shares about a stream's target table: its DDL, column lists and key predicates, and how a
 * parsed row binds to a statement. Names come from configuration and are checked to be plain identifiers.
 */
public final class TargetTable {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}");

    private final StreamDefinition stream;
    private final String name;
    private final List<Column> columns;
    private final int fileColumns;
    private final int[] keyIndexes;

    public TargetTable(StreamDefinition stream) {
        this.stream = stream;
        this.name = identifier(stream.targetTable());
        this.columns = stream.targetColumns();
        this.columns.forEach(c -> identifier(c.name()));
        this.fileColumns = stream.layout().size();
        this.keyIndexes = stream.keyIndexes();
    }

    static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }

    public String name() {
        return name;
    }

    public StreamDefinition stream() {
        return stream;
    }

    public List<Column> columns() {
        return columns;
    }

    public String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** CREATE TABLE IF NOT EXISTS with the business key as primary key. */
    public String createSql(String table) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (\n");
        for (Column c : columns) {
            sb.append("    ").append(c.name()).append(' ').append(c.type().sql()).append(c.nullable() ? "" : " NOT NULL").append(",\n");
        }
        return sb.append("    PRIMARY KEY (").append(String.join(", ", stream.businessKey())).append(")\n)").toString();
    }

    public String processColumn() {
        return stream.loaderColumns().processInstance();
    }

    /** "K1 = ? AND K2 = ? ..." over the business key (file key columns, then the business date). */
    public String keyPredicate() {
        return stream.businessKey().stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
    }

    /** "T.K1 = S.K1 AND ..." joining two aliases on the business key. */
    public String keyJoin(String left, String right) {
        return stream.businessKey().stream().map(k -> left + "." + k + " = " + right + "." + k).collect(Collectors.joining(" AND "));
    }

    /** "?, ?, ?" for the replaced process ids. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    public String insertSql() {
        return "INSERT INTO " + name + " (" + columnList() + ") VALUES (" + placeholders(columns.size()) + ")";
    }

    /** Binds the business key of a row, starting at parameter {@code first}; returns the next free index. */
    public int bindKey(PreparedStatement ps, int first, RecordBatch b, int row, TargetLoad load) throws SQLException {
        int i = first;
        for (int k : keyIndexes) {
            bindValue(ps, i++, b, k, row);
        }
        ps.setDate(i++, Date.valueOf(load.businessDate()));
        return i;
    }

    /** Binds every column of a row, file values then the loader's, starting at parameter 1. */
    public void bindRow(PreparedStatement ps, RecordBatch b, int row, TargetLoad load) throws SQLException {
        int i = 1;
        for (int c = 0; c < fileColumns; c++) {
            bindValue(ps, i++, b, c, row);
        }
        ps.setDate(i++, Date.valueOf(load.businessDate()));
        UtcTimestamps.bind(ps, i++, load.loadTimestamp());
        if (stream.loaderColumns().loadTime() != null) {
            ps.setTime(i++, Time.valueOf(load.loadTimestamp().toLocalTime().withNano(0)));
        }
        ps.setLong(i++, load.processId());
        ps.setLong(i++, b.lineNumber(row));
        ps.setInt(i, stream.rowSecurityCode());
    }

    private void bindValue(PreparedStatement ps, int i, RecordBatch b, int c, int row) throws SQLException {
        ColumnType t = stream.layout().column(c).type();
        if (b.isNull(c, row)) {
            ps.setNull(i, t.kind() == ColumnType.Kind.DECIMAL ? Types.DECIMAL : t.kind() == ColumnType.Kind.DATE ? Types.DATE : Types.VARCHAR);
            return;
        }
        switch (t.kind()) {
            case DECIMAL -> ps.setBigDecimal(i, new BigDecimal(BigInteger.valueOf(b.unscaled(c, row)), t.scale()));
            case DATE -> ps.setDate(i, Date.valueOf(LocalDate.ofEpochDay(b.epochDay(c, row))));
            default -> ps.setString(i, b.text(c, row));
        }
    }
}
