package com.bank.gdw.loader.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * What every writer does the same way over plain JDBC: DDL, settling repeated keys once the writer has staged them,
 * removal of replaced rows and reconciliation.
 */
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
    public Set<Long> settle(Connection c, TargetLoad load, BatchSource suspects) throws SQLException, InterruptedException {
        try {
            String staged = stageSuspects(c, load, suspects);
            Set<Long> rows = new RepeatedKeys(table(load), staged).settle(c, load.processId());
            discardSuspects(c, load, staged);
            return rows;
        } catch (SQLException e) {
            throw refusal(e, 0, null);
        }
    }

    /**
     * Stages the suspects with the bulk path, in a table with the target's columns where the unit's rows are the rows
     * of its process id; returns the table's name. Inside the caller's transaction like everything else.
     */
    protected abstract String stageSuspects(Connection c, TargetLoad load, BatchSource suspects) throws SQLException, InterruptedException;

    /** Removes what {@link #stageSuspects} staged: by default the temporary table it created. */
    protected void discardSuspects(Connection c, TargetLoad load, String staged) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + staged);
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
    protected int removeReplaced(Connection c, TargetLoad load) throws SQLException {
        List<Long> ids = load.replacedProcessIds();
        if (ids.isEmpty()) {
            return 0;
        }
        TargetTable t = table(load);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.name() + " WHERE " + t.processColumn() + " IN ("
                + TargetTable.placeholders(ids.size()) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            return ps.executeUpdate();
        }
    }
}
