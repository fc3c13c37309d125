package com.bank.gdw.loader.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedReader;
import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.it.RecordLines;
import com.bank.gdw.loader.it.TestDatabase;
import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PostgreSQL writer on a real server: binary COPY stores each value as parsed, and the direct, conflict and staging paths. */
class PostgresCopyWriterTest {

    private static final String DATABASE = "pg_copy_writer";
    private static final LocalDate DATE = LocalDate.of(2026, 3, 2);
    private static final LocalDateTime LOADED = LocalDateTime.of(2026, 3, 3, 1, 2, 3, 456_000_000);
    private static final Path SCRATCH = Path.of("target", "pg-copy-writer").toAbsolutePath();

    private static StreamDefinition stream;
    private static String url;
    private final PostgresCopyWriter writer = new PostgresCopyWriter();
    private Connection c;

    @BeforeAll
    static void freshDatabase() {
        stream = StreamCatalog.load(Path.of("config/streams"), UnaryOperator.identity()).get("bcfinsg");
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
            st.execute("DROP TABLE IF EXISTS " + stream.targetTable());
        }
        writer.prepare(c, stream);
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
        RecordBatch b = batches.get(0);
        List<Column> columns = stream.layout().columns();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + stream.targetTable() + " WHERE ROW_I = ?")) {
            for (int row = 0; row < b.size(); row++) {
                ps.setLong(1, b.lineNumber(row));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("line %d", b.lineNumber(row)).isTrue();
                    for (int col = 0; col < columns.size(); col++) {
                        String what = "line " + b.lineNumber(row) + " " + columns.get(col).name();
                        assertThat(stored(rs, columns.get(col))).as(what).isEqualTo(parsed(b, row, col));
                    }
                    assertThat(rs.getObject("EFFT_D", LocalDate.class)).isEqualTo(DATE);
                    assertThat(rs.getObject("EFFT_S", LocalDateTime.class)).isEqualTo(LOADED);
                    assertThat(rs.getObject("EFFT_T", LocalTime.class)).isEqualTo(LocalTime.of(1, 2, 3));
                    assertThat(rs.getLong("PROS_KEY_EFFT_I")).isEqualTo(1);
                    assertThat(rs.getInt("ROW_SECU_ACCS_C")).isZero();
                }
            }
        }
    }

    @Test
    void binary_copy_and_a_parameterised_insert_store_the_same_rows() throws Exception {
        List<RecordBatch> batches = parse(edgeRecords());
        writer.write(c, load(1), source(batches));
        TargetTable t = new TargetTable(stream);
        try (Statement st = c.createStatement()) {
            st.execute(t.createSql("INSERTED_ROWS"));
        }
        try (PreparedStatement ins = c.prepareStatement(t.insertSql().replace(t.name(), "INSERTED_ROWS"))) {
            RecordBatch b = batches.get(0);
            for (int row = 0; row < b.size(); row++) {
                t.bindRow(ins, b, row, load(1));
                ins.executeUpdate();
            }
        }

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
        assertThat(count("SELECT COUNT(*) FROM pg_indexes WHERE tablename = lower('" + stream.targetTable()
                + "') AND indexdef LIKE '%(pros_key_efft_i)%'")).isEqualTo(1);
    }

    @Test
    void a_key_another_unit_holds_fails_the_direct_copy_as_a_key_conflict_and_the_connection_stays_usable() throws Exception {
        writer.write(c, load(1), source(parse(List.of(line("1001"), line("1002")))));
        c.commit();

        assertThatThrownBy(() -> writer.write(c, load(2), source(parse(List.of(line("1002"), line("1003"))))))
                .isInstanceOf(KeyConflictException.class);

        c.rollback();
        assertThat(count("SELECT COUNT(*) FROM " + stream.targetTable())).isEqualTo(2);
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

        TargetLoad resend = new TargetLoad(stream, 3, DATE, LOADED, List.of(1L), false);
        long written = writer.write(c, resend, source(parse(List.of(line("1001"), lineWithAmount("1003", "-99.50"), line("1004")))));
        c.commit();

        assertThat(written).isEqualTo(3);
        assertThat(owners()).containsExactly(Map.entry("1001", 3L), Map.entry("1003", 3L), Map.entry("1004", 3L), Map.entry("9001", 2L));
        assertThat(count("SELECT COUNT(*) FROM " + stream.targetTable() + " WHERE ACCT_I = '1003' AND CURR_MIN_PAYT_DUE = -99.50")).isEqualTo(1);
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
        assertThat(count("SELECT COUNT(*) FROM " + stream.targetTable())).isZero();
    }

    // --- records ---

    private static String line(String account) {
        return RecordLines.record(stream, account).line();
    }

    private static String lineWithAmount(String account, String amount) {
        return RecordLines.record(stream, account).with("CURR_MIN_PAYT_DUE", amount).line();
    }

    /** Values at the edges of each type: precision limits, signs, zero, fraction groups, NULLs, non-ASCII, old dates. */
    private static List<String> edgeRecords() {
        List<String> lines = new ArrayList<>();
        lines.add(RecordLines.record(stream, "2001")
                .with("AGGR_CURR_CYCL_BALN", "9999999999999.99").with("AGGR_1_CYCL_AGO_BALN", "-9999999999999.99")
                .with("AGGR_2_CYCL_AGO_BALN", "0.01").with("AGGR_DLAY_BALN", "-0.01").with("INT_DEFR_AGGR_CURR_BALN", "0")
                .with("INT_SAVE_RATE", "0.99").with("FRNT_LOAD_IRTE", "0.000001").with("LAST_IRTE", "-12345.67")
                .with("LAST_RATE_CODE_SEQN", "9999").with("PLAN_SQNO", "999").with("CURR_MIN_PAYT_DUE", "-0.50")
                .with("USER_CODE", "\u00e9\u4e2d\ud83d\ude00\u03a9x").with("ORIG_STAT", "\u00c5\u00e4\u00f6")
                .with("DATE_SPEC_TERM_END", "1999-12-31").with("DATE_INT_DEFR_END", "1900-01-01")
                .with("DATE_PAYT_DEFR_END", "0001-01-01").with("DATE_FRST_TRAN", "9999-12-31").line());
        lines.add(RecordLines.record(stream, "2002")
                .with("AGGR_CURR_CYCL_BALN", "10000.00").with("AGGR_1_CYCL_AGO_BALN", "100000000.50")
                .with("AGGR_2_CYCL_AGO_BALN", "1.00").with("AGGR_DLAY_BALN", "-10000").with("INT_DEFR_AGGR_CURR_BALN", "-0.00")
                .with("INT_SAVE_RATE", "-0.01").with("FRNT_LOAD_IRTE", "-0.999999").with("LAST_IRTE", "+5")
                .with("PLAN_SQNO", "0").with("CURR_MIN_PAYT_DUE", "12345678901.23")
                .with("DATE_SPEC_TERM_END", "2000-01-01").with("DATE_INT_DEFR_END", "2000-02-29")
                .with("DATE_PAYT_DEFR_END", "1111-11-11").with("DATE_FRST_TRAN", "1970-01-01").line());
        lines.add(RecordLines.record(stream, "2003")
                .with("AGGR_CURR_CYCL_BALN", "12345678.9").with("AGGR_1_CYCL_AGO_BALN", "1234.56")
                .with("INT_SAVE_RATE", "0.5").with("FRNT_LOAD_IRTE", "0.0001").with("AGGR_2_CYCL_AGO_BALN", "0.1")
                .with("FRNT_LOAD_REBT_INT_AMT", "10000000000.00").with("LAST_RATE_CODE_SEQN", "1000")
                .with("DATE_SPEC_TERM_END", "1969-12-31").with("DATE_INT_DEFR_END", "2024-02-29").line());
        RecordLines allNull = RecordLines.record(stream, "2004");
        for (Column col : stream.layout().columns()) {
            if (col.nullable() && !stream.keyColumns().contains(col.name())) {
                allNull.with(col.name(), "");
            }
        }
        lines.add(allNull.line());
        return lines;
    }

    /** Reads lines the way the loader does (parse, validate, score) into batches. */
    private static List<RecordBatch> parse(List<String> lines) throws IOException, InterruptedException {
        Files.createDirectories(SCRATCH);
        Path file = Files.createTempFile(SCRATCH, "feed-", ".txt");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        FeedReader reader = new FeedReader(stream, file, DATE, SCRATCH, 1 << 20);
        List<RecordBatch> batches = new ArrayList<>();
        try {
            RecordBatch last = reader.read(new RecordBatch(stream.layout(), 1000), full -> {
                batches.add(full);
                return new RecordBatch(stream.layout(), 1000);
            });
            batches.add(last);
            assertThat(reader.statistics().rowsAccepted()).as("records accepted by the parser; rejects: %s", reader.firstRejectMessages()).isEqualTo(lines.size());
        } finally {
            reader.close();
            Files.delete(file);
        }
        return batches;
    }

    private static BatchSource source(List<RecordBatch> batches) {
        Iterator<RecordBatch> it = batches.iterator();
        return new BatchSource() {
            @Override
            public RecordBatch next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void recycle(RecordBatch batch) {
            }
        };
    }

    private static TargetLoad load(long processId) {
        return new TargetLoad(stream, processId, DATE, LOADED, List.of(), false);
    }

    // --- reading back ---

    private static Object parsed(RecordBatch b, int row, int col) {
        if (b.isNull(col, row)) {
            return null;
        }
        ColumnType t = stream.layout().column(col).type();
        return switch (t.kind()) {
            case DECIMAL -> new BigDecimal(BigInteger.valueOf(b.unscaled(col, row)), t.scale());
            case DATE -> LocalDate.ofEpochDay(b.epochDay(col, row));
            default -> b.text(col, row);
        };
    }

    private static Object stored(ResultSet rs, Column col) throws SQLException {
        return switch (col.type().kind()) {
            // BigDecimal.equals compares the scale too: the display scale must be the column's
            case DECIMAL -> rs.getBigDecimal(col.name());
            case DATE -> rs.getObject(col.name(), LocalDate.class);
            default -> rs.getString(col.name());
        };
    }

    private Map<String, Long> owners() throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ACCT_I, PROS_KEY_EFFT_I FROM " + stream.targetTable() + " ORDER BY ACCT_I")) {
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
}
