package com.bank.gdw.loader.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.StreamDefinition;

/** What every writer does the same way over plain JDBC: DDL, the rare single-row path, removal and reconciliation. */
public abstract class JdbcTargetWriter implements TargetWriter {

    protected TargetTable table(TargetLoad load) {
        return new TargetTable(load.stream());
    }

    @Override
    public void prepare(Connection c, StreamDefinition stream) throws SQLException {
        TargetTable t = new TargetTable(stream);
        try (Statement st = c.createStatement()) {
            st.execute(t.createSql(t.name()));
        }
    }

    @Override
    public boolean holdsKey(Connection c, TargetLoad load, RecordBatch batch, int row) throws SQLException {
        TargetTable t = table(load);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + t.name() + " WHERE " + t.processColumn()
                + " = ? AND " + t.keyPredicate())) {
            ps.setLong(1, load.processId());
            t.bindKey(ps, 2, batch, row, load);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    @Override
    public void writeRow(Connection c, TargetLoad load, RecordBatch batch, int row) throws SQLException {
        TargetTable t = table(load);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + t.name() + " WHERE " + t.keyPredicate())) {
            t.bindKey(del, 1, batch, row, load);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement(t.insertSql())) {
            t.bindRow(ins, batch, row, load);
            ins.executeUpdate();
        } catch (SQLException e) {
            throw refusal(e, batch.lineNumber(row), null);
        }
    }

    /** True when the error is the database refusing a value (in this vendor's words), not a fault of the database. */
    protected abstract boolean refusesValue(SQLException e);

    /** The error as a {@link RefusedValueException} when it is one, else unchanged. */
    protected SQLException refusal(SQLException e, long line, String column) {
        if (e instanceof RefusedValueException || !refusesValue(e)) {
            return e;
        }
        return new RefusedValueException(e, line, column);
    }

    @Override
    public Reconciliation reconcile(Connection c, TargetLoad load) throws SQLException {
        TargetTable t = table(load);
        String amount = load.stream().amountColumn();
        String sum = amount == null ? "0" : "SUM(" + TargetTable.identifier(amount) + ")";
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), " + sum + " FROM " + t.name() + " WHERE "
                + t.processColumn() + " = ?")) {
            ps.setLong(1, load.processId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Reconciliation(rs.getLong(1), rs.getBigDecimal(2));
            }
        }
    }

    /** Deletes the rows of the replaced process instances; a resend's rows then take their place. */
    protected int removeReplaced(Connection c, TargetLoad load, String extraCondition) throws SQLException {
        List<Long> ids = load.replacedProcessIds();
        if (ids.isEmpty()) {
            return 0;
        }
        TargetTable t = table(load);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.name() + " WHERE " + t.processColumn() + " IN ("
                + TargetTable.placeholders(ids.size()) + ")" + (extraCondition == null ? "" : " AND " + extraCondition))) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            return ps.executeUpdate();
        }
    }
}
