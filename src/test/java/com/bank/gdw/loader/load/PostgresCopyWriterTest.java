package com.bank.gdw.loader.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PostgreSQL writer on a real server: binary COPY stores each value as parsed, and the direct, conflict and staging paths. */
class PostgresCopyWriterTest {

    private static final String DATABASE = "pg_copy_writer";
    private static final ParsedRows ROWS = new ParsedRows("pg-copy-writer");
    private static final StreamDefinition STREAM = ROWS.stream();
    private static final LocalDate DATE = ParsedRows.DATE;
    private static final LocalDateTime LOADED = ParsedRows.LOADED;

    private static String url;
    private final PostgresCopyWriter writer = new PostgresCopyWriter();
    private Connection c;

    @BeforeAll
    static void freshDatabase() {
        url = TestDatabase.POSTGRESQL.freshUrl(DATABASE);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.POSTGRESQL.drop(DATABASE);
    }

    @BeforeEach
    void emptyTarget() throws SQLException {
        c = DriverManager.getConnection(url, TestDatabase.PG_USER, "");
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + STREAM.targetTable());
        }
        writer.prepare(c, STREAM);
        c.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        c.rollback();
        c.close();
    }

    @Test
    void binary_copy_stores_every_value_as_the_parser_read_it() throws Exception {
        List<RecordBatch> batches = parse(edgeRecords());
        assertThat(batches.get(0).size()).isEqualTo(edgeRecords().size());

        long written = writer.write(c, load(1), source(batches));

        assertThat(written).isEqualTo(edgeRecords().size());
        ROWS.assertStoredAsParsed(c, batches.get(0), 1);
    }

    @Test
    void binary_copy_and_a_parameterised_insert_store_the_same_rows() throws Exception {
        List<RecordBatch> batches = parse(edgeRecords());
        writer.write(c, load(1), source(batches));
        TargetTable t = new TargetTable(STREAM);
        try (Statement st = c.createStatement()) {
            st.execute(t.createSql("INSERTED_ROWS"));
        }
        insertOneByOne("INSERTED_ROWS", batches.get(0), load(1));

        String copied = "SELECT * FROM " + t.name();
        String inserted = "SELECT * FROM INSERTED_ROWS";
        assertThat(count("SELECT COUNT(*) FROM (" + copied + " EXCEPT " + inserted + ") d")).isZero();
        assertThat(count("SELECT COUNT(*) FROM (" + inserted + " EXCEPT " + copied + ") d")).isZero();
        // the text forms too: same scale (display digits) for every decimal
        assertThat(count("SELECT COUNT(*) FROM " + t.name() + " a JOIN INSERTED_ROWS b ON a.ROW_I = b.ROW_I "
                + "WHERE CAST(a AS TEXT) <> CAST(b AS TEXT)")).isZero();
    }

    @Test
    void prepare_indexes_the_process_instance_column() throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM pg_indexes WHERE tablename = lower('" + STREAM.targetTable()
                + "') AND indexdef LIKE '%(pros_key_efft_i)%'")).isEqualTo(1);
    }

    @Test
    void a_key_another_unit_holds_fails_the_direct_copy_as_a_key_conflict_and_the_connection_stays_usable() throws Exception {
        writer.write(c, load(1), source(parse(List.of(line("1001"), line("1002")))));
        c.commit();

        assertThatThrownBy(() -> writer.write(c, load(2), source(parse(List.of(line("1002"), line("1003"))))))
                .isInstanceOf(KeyConflictException.class);

        c.rollback();
        assertThat(count("SELECT COUNT(*) FROM " + STREAM.targetTable())).isEqualTo(2);
    }

    @Test
    void through_staging_a_key_another_unit_held_moves_to_the_unit_and_its_other_rows_stay() throws Exception {
        writer.write(c, load(1), source(parse(List.of(line("1001"), line("1002")))));
        c.commit();

        long written = writer.write(c, load(2).withStaging(), source(parse(List.of(line("1002"), line("1003")))));
        c.commit();

        assertThat(written).isEqualTo(2);
        assertThat(owners()).containsExactly(Map.entry("1001", 1L), Map.entry("1002", 2L), Map.entry("1003", 2L));
        assertThat(count("SELECT COUNT(*) FROM pg_class WHERE relname LIKE 'gdw_stage_%'")).isZero();
    }

    @Test
    void a_resend_updates_changed_rows_inserts_new_ones_removes_absent_ones_and_leaves_other_units_alone() throws Exception {
        writer.write(c, load(1), source(parse(List.of(line("1001"), line("1002"), lineWithAmount("1003", "10.00")))));
        writer.write(c, load(2), source(parse(List.of(line("9001")))));
        c.commit();

        TargetLoad resend = new TargetLoad(STREAM, 3, DATE, LOADED, List.of(1L), false);
        long written = writer.write(c, resend, source(parse(List.of(line("1001"), lineWithAmount("1003", "-99.50"), line("1004")))));
        c.commit();

        assertThat(written).isEqualTo(3);
        assertThat(owners()).containsExactly(Map.entry("1001", 3L), Map.entry("1003", 3L), Map.entry("1004", 3L), Map.entry("9001", 2L));
        assertThat(count("SELECT COUNT(*) FROM " + STREAM.targetTable() + " WHERE ACCT_I = '1003' AND CURR_MIN_PAYT_DUE = -99.50")).isEqualTo(1);
        assertThat(writer.reconcile(c, resend)).isEqualTo(new Reconciliation(3, new BigDecimal("-97.50")));
    }

    @Test
    void a_feed_that_breaks_off_mid_copy_ends_the_copy_so_the_transaction_can_be_rolled_back() throws Exception {
        List<RecordBatch> one = parse(List.of(line("1001")));
        BatchSource breaking = new BatchSource() {
            private int calls;

            @Override
            public RecordBatch next() {
                if (calls++ == 0) {
                    return one.get(0);
                }
                throw new IllegalStateException("the reader failed");
            }

            @Override
            public void recycle(RecordBatch batch) {
            }
        };

        assertThatThrownBy(() -> writer.write(c, load(1), breaking)).hasMessage("the reader failed");

        c.rollback();
        assertThat(count("SELECT COUNT(*) FROM " + STREAM.targetTable())).isZero();
    }

    // --- records, through ParsedRows ---

    private static String line(String account) {
        return ROWS.line(account);
    }

    private static String lineWithAmount(String account, String amount) {
        return ROWS.lineWithAmount(account, amount);
    }

    private static List<String> edgeRecords() {
        return ROWS.edgeRecords();
    }

    private static List<RecordBatch> parse(List<String> lines) throws IOException, InterruptedException {
        return ROWS.parse(lines);
    }

    private static BatchSource source(List<RecordBatch> batches) {
        return ParsedRows.source(batches);
    }

    private static TargetLoad load(long processId) {
        return ROWS.load(processId);
    }

    // --- reading back ---

    private Map<String, Long> owners() throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ACCT_I, PROS_KEY_EFFT_I FROM " + STREAM.targetTable() + " ORDER BY ACCT_I")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        }
        return m;
    }

    private long count(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The same rows through the driver's own parameter binding, one INSERT each: what the binary encoding must match. */
    private void insertOneByOne(String table, RecordBatch b, TargetLoad load) throws SQLException {
        TargetTable t = new TargetTable(STREAM);
        String sql = "INSERT INTO " + table + " (" + t.columnList() + ") VALUES (" + TargetTable.placeholders(t.columns().size()) + ")";
        try (PreparedStatement ins = c.prepareStatement(sql)) {
            for (int row = 0; row < b.size(); row++) {
                int i = 1;
                for (int col = 0; col < STREAM.layout().size(); col++) {
                    ColumnType type = STREAM.layout().column(col).type();
                    if (b.isNull(col, row)) {
                        ins.setNull(i++, type.kind() == ColumnType.Kind.DECIMAL ? Types.DECIMAL
                                : type.kind() == ColumnType.Kind.DATE ? Types.DATE : Types.VARCHAR);
                        continue;
                    }
                    switch (type.kind()) {
                        case DECIMAL -> ins.setBigDecimal(i++, new BigDecimal(BigInteger.valueOf(b.unscaled(col, row)), type.scale()));
                        case DATE -> ins.setDate(i++, java.sql.Date.valueOf(LocalDate.ofEpochDay(b.epochDay(col, row))));
                        default -> ins.setString(i++, b.text(col, row));
                    }
                }
                ins.setDate(i++, java.sql.Date.valueOf(load.businessDate()));
                ins.setTimestamp(i++, java.sql.Timestamp.valueOf(load.loadTimestamp()));
                ins.setTime(i++, java.sql.Time.valueOf(load.loadTimestamp().toLocalTime().withNano(0)));
                ins.setLong(i++, load.processId());
                ins.setLong(i++, b.lineNumber(row));
                ins.setInt(i, STREAM.rowSecurityCode());
                ins.executeUpdate();
            }
        }
    }
}
