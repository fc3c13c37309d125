package com.bank.gdw.loader.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * PostgreSQL target. A unit's first load streams the parsed rows in binary COPY straight into the target table. A
 * resend, or a load whose keys another unit holds, copies into a temporary staging table and applies the unit with
 * one statement: upsert on the business key, and removal of the replaced loads' rows the resend no longer has.
 */
public final class PostgresCopyWriter extends JdbcTargetWriter {

    /** Bytes encoded before they go to the server as one CopyData message. */
    static final int COPY_BUFFER_BYTES = 1 << 20;

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public void prepare(Connection c, StreamDefinition stream) throws SQLException {
        super.prepare(c, stream);
        TargetTable t = new TargetTable(stream);
        // reconciliation and resend removal select by process instance
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX IF NOT EXISTS " + processIndex(t) + " ON " + t.name() + " (" + t.processColumn() + ")");
        }
    }

    /** The index on the process-instance column; an index lives in its table's schema, so its name is unqualified. */
    static String processIndex(TargetTable t) {
        String table = t.name().substring(t.name().lastIndexOf('.') + 1);
        String name = table + "_X_" + t.processColumn();
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** Data exceptions: SQLState class 22 (22003 numeric field overflow, 22021 a NUL byte, 22001 too long, ...). */
    @Override
    protected boolean refusesValue(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    @Override
    public long write(Connection c, TargetLoad load, BatchSource rows) throws SQLException, InterruptedException {
        try {
            return writeCopy(c, load, rows);
        } catch (SQLException e) {
            throw refusal(e, 0, null);
        }
    }

    private long writeCopy(Connection c, TargetLoad load, BatchSource rows) throws SQLException, InterruptedException {
        TargetTable t = table(load);
        if (!load.staging() && load.replacedProcessIds().isEmpty()) {
            try {
                return copy(c, t.name(), load, rows);
            } catch (SQLException e) {
                throw UNIQUE_VIOLATION.equals(e.getSQLState()) ? new KeyConflictException(e) : e;
            }
        }
        String staging = t.temporaryStaging(load.processId());
        try (Statement st = c.createStatement()) {
            createStaging(st, t, staging);
            copy(c, staging, load, rows);
            st.execute("ANALYZE " + staging);
            long written = apply(c, t, staging, load);
            st.execute("DROP TABLE " + staging);
            return written;
        }
    }

    /** The suspects go by binary COPY too, into a temporary table of the transaction. */
    @Override
    protected String stageSuspects(Connection c, TargetLoad load, BatchSource suspects) throws SQLException, InterruptedException {
        TargetTable t = table(load);
        String staging = t.temporarySuspects(load.processId());
        try (Statement st = c.createStatement()) {
            createStaging(st, t, staging);
            copy(c, staging, load, suspects);
            // the settling joins it to itself and to the target: the planner should know its size
            st.execute("ANALYZE " + staging);
        }
        return staging;
    }

    /** Temporary: private to this transaction, not WAL-logged, gone at its end whatever happens. */
    private static void createStaging(Statement st, TargetTable t, String staging) throws SQLException {
        st.execute("CREATE TEMP TABLE " + staging + " (LIKE " + t.name() + ") ON COMMIT DROP");
    }

    /**
     * The unit in one statement. Both parts see the target as it was before the statement, and touch disjoint rows:
     * the upsert only keys the staging table has, the removal only keys it has not.
     */
    private static long apply(Connection c, TargetTable t, String staging, TargetLoad load) throws SQLException {
        String key = String.join(", ", load.stream().businessKey());
        String set = t.columns().stream().map(col -> col.name())
                .filter(n -> !load.stream().businessKey().contains(n))
                .map(n -> n + " = EXCLUDED." + n).collect(Collectors.joining(", "));
        String sql = "WITH removed AS (\n"
                + "    DELETE FROM " + t.name() + " T WHERE T." + t.processColumn() + " = ANY (?)\n"
                + "    AND NOT EXISTS (SELECT 1 FROM " + staging + " S WHERE " + t.keyJoin("S", "T") + ")\n"
                + "    RETURNING 1\n"
                + "), upserted AS (\n"
                + "    INSERT INTO " + t.name() + " (" + t.columnList() + ") SELECT " + t.columnList() + " FROM " + staging + "\n"
                + "    ON CONFLICT (" + key + ") DO UPDATE SET " + set + "\n"
                + "    RETURNING 1\n"
                + ")\n"
                + "SELECT (SELECT COUNT(*) FROM upserted), (SELECT COUNT(*) FROM removed)";
        Array ids = c.createArrayOf("bigint", load.replacedProcessIds().toArray());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } finally {
            ids.free();
        }
    }

    /** "COPY table, line 2, column orig_baln": the row of the COPY and the column the server refused. */
    private static final Pattern COPY_WHERE = Pattern.compile("COPY [^,]+, line (\\d+)(?:, column ([^:,\\s]+))?");

    /** A refused value of the COPY, with the file line of the COPY's row and the column the server named. */
    private SQLException refusalAt(PSQLException e, CopyLines lines) {
        ServerErrorMessage m = e.getServerErrorMessage();
        Matcher where = COPY_WHERE.matcher(m == null || m.getWhere() == null ? "" : m.getWhere());
        if (!where.find()) {
            return refusal(e, 0, null);
        }
        return refusal(e, lines.fileLine(Long.parseLong(where.group(1))), where.group(2));
    }

    /**
     * Which file line each row of a COPY came from, kept as runs of consecutive lines (a run ends where a reject or a
     * duplicate left a gap), so memory grows with the gaps, not the rows; past a bound the lines are not told.
     */
    static final class CopyLines {
        private static final int MAX_RUNS = 1 << 20;
        private long[] rowStarts = new long[64];
        private long[] lineStarts = new long[64];
        private int runs;
        private long rows;
        private long lastLine = -1;

        void add(long line) {
            rows++;
            if (line == lastLine + 1 && runs > 0) {
                lastLine = line;
                return;
            }
            lastLine = line;
            if (runs == MAX_RUNS) {
                return;
            }
            if (runs == rowStarts.length) {
                rowStarts = Arrays.copyOf(rowStarts, runs * 2);
                lineStarts = Arrays.copyOf(lineStarts, runs * 2);
            }
            rowStarts[runs] = rows;
            lineStarts[runs] = line;
            runs++;
        }

        /** The file line of COPY row {@code row} (1-based), or 0 when it is not known. */
        long fileLine(long row) {
            if (row < 1 || row > rows || runs == 0) {
                return 0;
            }
            int i = Arrays.binarySearch(rowStarts, 0, runs, row);
            int run = i >= 0 ? i : -i - 2;
            if (runs == MAX_RUNS && run == runs - 1) {
                return 0;
            }
            return lineStarts[run] + (row - rowStarts[run]);
        }
    }

    /** Streams every batch through COPY ... FROM STDIN (FORMAT binary); returns the rows the server took. */
    private long copy(Connection c, String table, TargetLoad load, BatchSource rows) throws SQLException, InterruptedException {
        TargetTable t = new TargetTable(load.stream());
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + t.columnList() + ") FROM STDIN (FORMAT binary)");
        boolean ended = false;
        CopyLines lines = new CopyLines();
        try {
            BinaryCopyEncoder encoder = new BinaryCopyEncoder(load.stream(), load, COPY_BUFFER_BYTES, in::writeToCopy);
            encoder.header();
            RecordBatch batch;
            while ((batch = rows.next()) != null) {
                for (int r = 0, n = batch.size(); r < n; r++) {
                    lines.add(batch.lineNumber(r));
                    encoder.row(batch, r);
                }
                rows.recycle(batch);
            }
            encoder.finish();
            long copied = in.endCopy();
            ended = true;
            return copied;
        } catch (PSQLException e) {
            throw refusalAt(e, lines);
        } finally {
            if (!ended && in.isActive()) {
                // the feed broke off (reader failure, interrupt): end the COPY so the transaction can be rolled back
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the server answers a cancelled COPY with an error; the caller's exception says what happened
                }
            }
        }
    }
}
