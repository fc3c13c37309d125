package com.bank.gdw.loader.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import net.snowflake.client.api.connection.SnowflakeConnection;
import net.snowflake.client.api.connection.UploadStreamConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Snowflake target: the unit's rows go as gzip CSV chunks to a stage, one COPY INTO loads them into the stream's
 * staging table, one MERGE upserts them into the target by business key, and the rows the replaced loads had but the
 * file lacks are deleted.
 *
 * <p>Snowflake commits the open transaction before every DDL statement, so {@link #write} issues none: the staging
 * table is a transient table created once by {@link #prepare}, shared by the stream's loads and kept apart by process
 * instance id, and a load empties its own rows of it with a DELETE instead of dropping a temporary table. COPY, MERGE
 * and DELETE are DML and stay in the caller's transaction, so a unit is still all or nothing.
 *
 * <p>Snowflake does not enforce primary keys, so a direct INSERT would duplicate keys instead of failing: every load
 * goes through staging and MERGE, and {@link TargetLoad#staging()} makes no difference here.
 *
 * <p>Records whose key fingerprint repeats (suspects) are staged the same way afterwards and settled by
 * {@link RepeatedKeys} in a fixed number of statements: each statement is a warehouse query.
 */
public final class SnowflakeStageWriter extends JdbcTargetWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SnowflakeStageWriter.class);

    /** Uncompressed bytes per staged file: gzip makes about a sixth of that, held in memory while it uploads. */
    static final long DEFAULT_CHUNK_BYTES = 64L << 20;
    /**
     * Compressed bytes per staged file at most: the chunk is in memory twice while it uploads (ours, and the driver's
     * copy, which snowflake-jdbc keeps in memory up to 128 MiB before spilling to java.io.tmpdir), so data that
     * compresses badly must not make a 64 MiB chunk: 16 MiB keeps both under a -Xmx256m heap and never spills.
     */
    static final long DEFAULT_COMPRESSED_CHUNK_BYTES = 16L << 20;

    private final String stage;
    private final long chunkBytes;
    private final long compressedChunkBytes;
    private final Checkpoint checkpoint;

    /** Stages the files in the table stage of each stream's staging table. */
    public SnowflakeStageWriter() {
        this(null);
    }

    /** Stages the files in the named stage, or in the staging table's own stage when {@code stage} is blank. */
    public SnowflakeStageWriter(String stage) {
        this(stage, Checkpoint.NONE);
    }

    /** As {@link #SnowflakeStageWriter(String)}, passing {@code checkpoint} after the COPY into the staging table. */
    public SnowflakeStageWriter(String stage, Checkpoint checkpoint) {
        this(stage, DEFAULT_CHUNK_BYTES, DEFAULT_COMPRESSED_CHUNK_BYTES, checkpoint);
    }

    SnowflakeStageWriter(String stage, long chunkBytes, long compressedChunkBytes) {
        this(stage, chunkBytes, compressedChunkBytes, Checkpoint.NONE);
    }

    private SnowflakeStageWriter(String stage, long chunkBytes, long compressedChunkBytes, Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.stage = stage == null || stage.isBlank() ? null : TargetTable.identifier(stage.strip().replaceFirst("^@", ""));
        this.chunkBytes = chunkBytes;
        this.compressedChunkBytes = compressedChunkBytes;
    }

    @Override
    public void prepare(Connection c, StreamDefinition stream) throws SQLException {
        TargetTable t = new TargetTable(stream);
        try (Statement st = c.createStatement()) {
            st.execute(createSql(t, "TABLE", t.name()) + ",\n    PRIMARY KEY (" + String.join(", ", stream.businessKey()) + ")\n)");
            // transient: no fail-safe copies of rows that live for one transaction; no time travel for the same reason
            st.execute(createSql(t, "TRANSIENT TABLE", t.persistentStaging()) + "\n) DATA_RETENTION_TIME_IN_DAYS = 0");
        }
    }

    /** CREATE ... IF NOT EXISTS with the columns in Snowflake's types, left open for what follows the last column. */
    private static String createSql(TargetTable t, String kind, String name) {
        return "CREATE " + kind + " IF NOT EXISTS " + name + " (\n" + t.columns().stream()
                .map(col -> "    " + col.name() + " " + snowflakeType(col.type()) + (col.nullable() ? "" : " NOT NULL"))
                .collect(Collectors.joining(",\n"));
    }

    /** TIMESTAMP is spelt TIMESTAMP_NTZ, else the account's TIMESTAMP_TYPE_MAPPING could make it a zoned type. */
    private static String snowflakeType(ColumnType type) {
        return switch (type.kind()) {
            case VARCHAR -> "VARCHAR(" + type.length() + ")";
            case DECIMAL -> "NUMBER(" + type.precision() + "," + type.scale() + ")";
            case TIMESTAMP -> "TIMESTAMP_NTZ";
            case BIGINT -> "NUMBER(19,0)";
            case INTEGER -> "NUMBER(10,0)";
            default -> type.kind().name();
        };
    }

    /**
     * Snowflake refuses a value with a data exception (SQLState class 22) or, from COPY and MERGE, in words:
     * "Numeric value '..' is not recognized", "Date '..' is not recognized", "Numeric value .. is out of range".
     */
    @Override
    protected boolean refusesValue(SQLException e) {
        String state = e.getSQLState();
        String m = String.valueOf(e.getMessage());
        return (state != null && state.startsWith("22")) || m.contains("is not recognized") || m.contains("is out of range");
    }

    @Override
    public long write(Connection c, TargetLoad load, BatchSource rows) throws SQLException, InterruptedException {
        try {
            return writeStaged(c, load, rows);
        } catch (SQLException e) {
            throw refusal(e, 0, null);
        }
    }

    private long writeStaged(Connection c, TargetLoad load, BatchSource rows) throws SQLException, InterruptedException {
        TargetTable t = table(load);
        String staging = t.persistentStaging();
        long written = stageRows(c, staging, load, rows);
        if (written > 0) {
            // the target is touched only from here on, by MERGE and DELETE inside the unit's transaction
            checkpoint.reach("after-copy");
            mergeIntoTarget(c, t, staging, load.processId());
        }
        // after the MERGE, a row still carrying a replaced process id is one whose key the new file does not have
        int removed = removeReplaced(c, load);
        if (written > 0) {
            clearStaging(c, t, staging, load.processId());
        }
        LOG.debug("{}: {} rows merged, {} rows of replaced loads removed", t.name(), written, removed);
        return written;
    }

    /**
     * The suspects go the way of the rows, into the same staging table under the unit's process id (the rows' own are
     * cleared by then): no DDL, so the unit's transaction stays open.
     */
    @Override
    protected String stageSuspects(Connection c, TargetLoad load, BatchSource suspects) throws SQLException, InterruptedException {
        String staging = table(load).persistentStaging();
        stageRows(c, staging, load, suspects);
        return staging;
    }

    @Override
    protected void discardSuspects(Connection c, TargetLoad load, String staged) throws SQLException {
        clearStaging(c, table(load), staged, load.processId());
    }

    /** Uploads the rows to a folder of their own in the stage and copies them into the staging table; returns the rows. */
    private long stageRows(Connection c, String staging, TargetLoad load, BatchSource rows) throws SQLException, InterruptedException {
        String stageName = stage != null ? "@" + stage : tableStage(staging);
        // a fresh folder per attempt: the stage never mixes attempts, and COPY's load history never skips a file
        String folder = "gdw_" + load.processId() + "_" + UUID.randomUUID().toString().replace("-", "");
        long staged = upload(c.unwrap(SnowflakeConnection.class), stageName, folder, load, rows);
        if (staged > 0) {
            copyIntoStaging(c, staging, stageName + "/" + folder + "/");
        }
        LOG.debug("{}: {} rows staged from {}", staging, staged, folder);
        return staged;
    }

    /** "@DB.SCHEMA.%TABLE": every table has this stage, owned with the table, so it needs no DDL or grant of its own. */
    private static String tableStage(String table) {
        int dot = table.lastIndexOf('.');
        return "@" + table.substring(0, dot + 1) + "%" + table.substring(dot + 1);
    }

    /**
     * Encodes and uploads the batches chunk by chunk; returns the rows staged. uploadStream rather than PUT: PUT reads
     * a local file named inside the SQL text, so every chunk would be written to disk first and its path quoted into
     * the statement; uploadStream takes the compressed bytes as they are (compressData false: they are gzip already).
     */
    private long upload(SnowflakeConnection sf, String stageName, String folder, TargetLoad load, BatchSource rows)
            throws SQLException, InterruptedException {
        CsvChunkEncoder encoder = new CsvChunkEncoder(load, chunkBytes, compressedChunkBytes);
        UploadStreamConfig config = UploadStreamConfig.builder().setDestPrefix(folder).setCompressData(false).build();
        long staged = 0;
        int chunk = 0;
        try {
            for (RecordBatch b = rows.next(); b != null; b = rows.next()) {
                for (int r = 0; r < b.size(); r++) {
                    encoder.append(b, r);
                    if (encoder.isFull()) {
                        staged += encoder.rows();
                        sf.uploadStream(stageName, chunkName(++chunk), encoder.finish(), config);
                    }
                }
                rows.recycle(b);
            }
            if (encoder.rows() > 0) {
                staged += encoder.rows();
                sf.uploadStream(stageName, chunkName(++chunk), encoder.finish(), config);
            }
        } catch (IOException e) {
            // the chunk lives in memory: an IOException here is a bug, not a disk or network condition
            throw new UncheckedIOException(e);
        }
        return staged;
    }

    private static String chunkName(int n) {
        return String.format("chunk_%05d.csv.gz", n);
    }

    /**
     * A plain COPY: Snowflake cannot transform (a column list or a SELECT of $1, $2, ...) while loading from a table
     * stage, so the CSV fields go to the staging columns by position. {@link #prepare} creates the staging table with
     * the target's columns in the order the encoder writes them; ERROR_ON_COLUMN_COUNT_MISMATCH fails the COPY of a
     * staging table whose columns differ in number. PURGE removes the files once loaded.
     */
    private static void copyIntoStaging(Connection c, String staging, String location) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("COPY INTO " + staging + " FROM " + location + " FILE_FORMAT = " + CsvChunkEncoder.FILE_FORMAT
                    + " ON_ERROR = ABORT_STATEMENT PURGE = TRUE");
        }
    }

    /** One set-based upsert: a key held by any earlier row, of this unit or another, is overwritten. */
    private static void mergeIntoTarget(Connection c, TargetTable t, String staging, long processId) throws SQLException {
        List<String> key = t.stream().businessKey();
        String update = t.columns().stream().map(Column::name).filter(n -> !key.contains(n))
                .map(n -> n + " = S." + n).collect(Collectors.joining(", "));
        String values = t.columns().stream().map(col -> "S." + col.name()).collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + t.name() + " T USING (SELECT " + t.columnList()
                + " FROM " + staging + " WHERE " + t.processColumn() + " = ?) S ON " + t.keyJoin("T", "S")
                + " WHEN MATCHED THEN UPDATE SET " + update
                + " WHEN NOT MATCHED THEN INSERT (" + t.columnList() + ") VALUES (" + values + ")")) {
            ps.setLong(1, processId);
            ps.executeUpdate();
        }
    }

    private static void clearStaging(Connection c, TargetTable t, String staging, long processId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + staging + " WHERE " + t.processColumn() + " = ?")) {
            ps.setLong(1, processId);
            ps.executeUpdate();
        }
    }
}
