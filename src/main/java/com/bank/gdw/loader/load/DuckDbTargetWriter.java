package com.bank.gdw.loader.load;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.Layout;
import com.bank.gdw.loader.db.UtcTimestamps;

/**
 * Embedded DuckDB target. The parsed batches are exposed to DuckDB as a Java table function, so one
 * {@code INSERT ... SELECT FROM gdw_feed(handle)} streams the whole file through DuckDB's own parallel insert (its
 * appender, which flushes every 2048 rows, is several times slower). A resend first deletes the unit's earlier rows;
 * a key held by another unit sends the load through a staging table and MERGE.
 */
public final class DuckDbTargetWriter extends JdbcTargetWriter {

    static final String FEED_FUNCTION = "gdw_feed";

    private static final Map<Long, Feed> FEEDS = new ConcurrentHashMap<>();
    private static final AtomicLong HANDLES = new AtomicLong();
    private static final Set<Object> REGISTERED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private record Feed(BatchSource source, Layout layout) { }

    /** DuckDB says it in the message's first words (1.x: "Conversion Error: Casting value ... failed"). */
    private static final List<String> REFUSALS = List.of("Conversion Error:", "Out of Range Error:",
            "Invalid Input Error:", "Decimal Error:");

    @Override
    protected boolean refusesValue(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        return REFUSALS.stream().anyMatch(m::startsWith);
    }

    @Override
    public long write(Connection c, TargetLoad load, BatchSource rows) throws SQLException, InterruptedException {
        // DuckDB reports an exception of the feed function (the reader failed, an interrupt) in the same words as a
        // refused value ("Invalid Input Error: ..."): only an error the feed did not raise is the database's verdict
        Throwable[] feedFailure = {null};
        BatchSource watched = new BatchSource() {
            @Override
            public RecordBatch next() throws InterruptedException {
                try {
                    return rows.next();
                } catch (InterruptedException | RuntimeException e) {
                    feedFailure[0] = e;
                    throw e;
                }
            }

            @Override
            public void recycle(RecordBatch batch) {
                rows.recycle(batch);
            }
        };
        try {
            return writeFeed(c, load, watched);
        } catch (SQLException e) {
            // DuckDB names neither the row nor the column of a refused value
            throw feedFailure[0] != null ? e : refusal(e, 0, null);
        }
    }

    private long writeFeed(Connection c, TargetLoad load, BatchSource rows) throws SQLException, InterruptedException {
        TargetTable t = table(load);
        if (!load.staging()) {
            removeReplaced(c, load);
            try {
                return insertFromFeed(c, t.name(), load, rows);
            } catch (SQLException e) {
                throw isKeyConflict(e) ? new KeyConflictException(e) : e;
            }
        }
        String staging = t.temporaryStaging(load.processId());
        try (Statement st = c.createStatement()) {
            createStagingLike(st, t, staging);
            long written = insertFromFeed(c, staging, load, rows);
            removeReplaced(c, load);
            st.execute("MERGE INTO " + t.name() + " T USING " + staging + " S ON (" + t.keyJoin("T", "S") + ") "
                    + "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
            st.execute("DROP TABLE " + staging);
            return written;
        }
    }

    /** The suspects go through the table function too, into a temporary table of the transaction. */
    @Override
    protected String stageSuspects(Connection c, TargetLoad load, BatchSource suspects) throws SQLException {
        TargetTable t = table(load);
        String staging = t.temporarySuspects(load.processId());
        try (Statement st = c.createStatement()) {
            createStagingLike(st, t, staging);
        }
        insertFromFeed(c, staging, load, suspects);
        return staging;
    }

    private static void createStagingLike(Statement st, TargetTable t, String staging) throws SQLException {
        st.execute("CREATE TEMP TABLE " + staging + " AS SELECT * FROM " + t.name() + " LIMIT 0");
    }

    /** Inserts every batch of the source into {@code into} with one INSERT ... SELECT from the table function. */
    private long insertFromFeed(Connection c, String into, TargetLoad load, BatchSource rows) throws SQLException {
        register(c);
        long handle = HANDLES.incrementAndGet();
        FEEDS.put(handle, new Feed(rows, load.stream().layout()));
        try {
            return insertFromFunction(c, into, load, handle);
        } finally {
            FEEDS.remove(handle);
        }
    }

    private long insertFromFunction(Connection c, String into, TargetLoad load, long handle) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        for (Column col : load.stream().layout().columns()) {
            ColumnType t = col.type();
            String n = col.name();
            switch (t.kind()) {
                // the factor needs its own scale: a bare DECIMAL '0.000001' is DECIMAL(18,3) in DuckDB, i.e. zero
                case DECIMAL -> select.append(t.scale() == 0 ? "CAST(" + n + " AS " + t.sql() + ")"
                        : "CAST(CAST(" + n + " AS DECIMAL(18,0)) * CAST('" + BigDecimal.ONE.movePointLeft(t.scale()).toPlainString()
                        + "' AS DECIMAL(" + (t.scale() + 1) + "," + t.scale() + ")) AS " + t.sql() + ")");
                case DATE -> select.append("DATE '1970-01-01' + ").append(n);
                default -> select.append(n);
            }
            select.append(", ");
        }
        boolean time = load.stream().loaderColumns().loadTime() != null;
        select.append("CAST(? AS DATE), CAST(? AS TIMESTAMP), ").append(time ? "CAST(? AS TIME), " : "")
                .append("CAST(? AS BIGINT), ").append(FEED_LINE).append(", CAST(? AS INTEGER) FROM ")
                .append(FEED_FUNCTION).append('(').append(handle).append(')');
        TargetTable t = table(load);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + into + " (" + t.columnList() + ") " + select)) {
            int i = 1;
            ps.setObject(i++, java.sql.Date.valueOf(load.businessDate()));
            UtcTimestamps.bind(ps, i++, load.loadTimestamp());
            if (time) {
                ps.setString(i++, load.loadTimestamp().toLocalTime().withNano(0).toString());
            }
            ps.setLong(i++, load.processId());
            ps.setInt(i, load.stream().rowSecurityCode());
            return ps.executeUpdate();
        }
    }

    private static boolean isKeyConflict(SQLException e) {
        // DuckDB 1.x words it "Constraint Error: Duplicate key ... violates primary key constraint"
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("constraint error") && (m.contains("duplicate key") || m.contains("primary key"));
    }

    private static final String FEED_LINE = "gdw_line";

    /** Registers the feed function once per DuckDB database instance this process opened. */
    private static void register(Connection c) throws SQLException {
        DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
        synchronized (REGISTERED) {
            if (REGISTERED.contains(duck)) {
                return;
            }
            try (var builder = DuckDBFunctions.tableFunction()) {
                builder.withName(FEED_FUNCTION).withParameter(DuckDBColumnType.BIGINT).withFunction(new FeedFunction()).register(duck);
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("already exists")) {
                    throw e;
                }
            }
            REGISTERED.add(duck);
        }
    }

    /** Per scan: the feed being read and the batch in hand. */
    private static final class Scan {
        final Feed feed;
        RecordBatch batch;
        int pos;
        private byte[][] values = new byte[0][];

        Scan(Feed feed) {
            this.feed = feed;
        }

        /** The next n values of a text column as UTF-8 byte arrays, in an array reused from chunk to chunk. */
        byte[][] utf8(RecordBatch b, int column, int n) {
            if (values.length != n) {
                values = new byte[n][];
            }
            byte[] arena = b.textBytes();
            for (int k = 0, row = pos; k < n; k++, row++) {
                int length = b.textLength(column, row);
                values[k] = length < 0 ? null : Arrays.copyOfRange(arena, b.textOffset(column, row), b.textOffset(column, row) + length);
            }
            return values;
        }
    }

    /** The table function: decimals as unscaled BIGINT, dates as epoch-day INTEGER, text as VARCHAR, plus the line. */
    private static final class FeedFunction implements DuckDBTableFunction<Feed, Scan, Object> {

        @Override
        public Feed bind(DuckDBTableFunctionBindInfo info) {
            long handle = info.getParameter(0).getLong();
            Feed feed = FEEDS.get(handle);
            if (feed == null) {
                throw new IllegalStateException("no feed with handle " + handle);
            }
            for (Column col : feed.layout().columns()) {
                switch (col.type().kind()) {
                    case DECIMAL -> info.addResultColumn(col.name(), DuckDBColumnType.BIGINT);
                    case DATE -> info.addResultColumn(col.name(), DuckDBColumnType.INTEGER);
                    default -> info.addResultColumn(col.name(), DuckDBColumnType.VARCHAR);
                }
            }
            info.addResultColumn(FEED_LINE, DuckDBColumnType.BIGINT);
            return feed;
        }

        @Override
        public Scan init(DuckDBTableFunctionInitInfo info) {
            // one producer: the batches come from one reading thread anyway; DuckDB parallelises the insert behind it
            info.setMaxThreads(1);
            return new Scan(info.getBindData());
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo call, DuckDBDataChunkWriter out) throws Exception {
            Scan scan = call.getInitData();
            if (scan.batch == null || scan.pos >= scan.batch.size()) {
                if (scan.batch != null) {
                    scan.feed.source().recycle(scan.batch);
                    scan.batch = null;
                }
                RecordBatch next = scan.feed.source().next();
                if (next == null) {
                    return 0;
                }
                scan.batch = next;
                scan.pos = 0;
            }
            RecordBatch b = scan.batch;
            int columns = b.columnCount();
            DuckDBWritableVector[] v = new DuckDBWritableVector[columns + 1];
            for (int c = 0; c <= columns; c++) {
                v[c] = out.vector(c);
            }
            int n = (int) Math.min(out.capacity(), b.size() - scan.pos);
            for (int c = 0; c < columns; c++) {
                DuckDBWritableVector vec = v[c];
                ColumnType.Kind kind = b.kind(c);
                if (kind != ColumnType.Kind.DECIMAL && kind != ColumnType.Kind.DATE) {
                    // one JNI call per column and chunk (per-value setString was a native call per field), with the
                    // file's UTF-8 bytes as they are (null = NULL)
                    vec.setStringUtf8Batch(0, scan.utf8(b, c, n));
                    continue;
                }
                for (int k = 0, row = scan.pos; k < n; k++, row++) {
                    if (b.isNull(c, row)) {
                        vec.setNull(k);
                    } else if (kind == ColumnType.Kind.DECIMAL) {
                        vec.setLong(k, b.unscaled(c, row));
                    } else {
                        vec.setInt(k, b.epochDay(c, row));
                    }
                }
            }
            for (int k = 0, row = scan.pos; k < n; k++, row++) {
                v[columns].setLong(k, b.lineNumber(row));
            }
            scan.pos += n;
            return n;
        }
    }
}
