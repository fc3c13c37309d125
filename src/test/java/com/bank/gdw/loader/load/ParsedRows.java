package com.bank.gdw.loader.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

import com.bank.gdw.loader.feed.FeedReader;
import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.RecordLines;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records for writer tests, parsed the way the loader parses them (edge values of every type among them), and the
 * check that a database stored each value exactly as the parser read it.
 */
final class ParsedRows {

    static final LocalDate DATE = LocalDate.of(2026, 3, 2);
    static final LocalDateTime LOADED = LocalDateTime.of(2026, 3, 3, 1, 2, 3, 456_000_000);

    private final StreamDefinition stream = StreamCatalog.load(Path.of("config/streams"), UnaryOperator.identity()).get("bcfinsg");
    private final Path scratch;

    ParsedRows(String name) {
        this.scratch = Path.of("target", name).toAbsolutePath();
    }

    StreamDefinition stream() {
        return stream;
    }

    String line(String account) {
        return RecordLines.record(stream, account).line();
    }

    String lineWithAmount(String account, String amount) {
        return RecordLines.record(stream, account).with("CURR_MIN_PAYT_DUE", amount).line();
    }

    TargetLoad load(long processId) {
        return new TargetLoad(stream, processId, DATE, LOADED, List.of(), false);
    }

    /** Values at the edges of each type: precision limits, signs, zero, fraction groups, NULLs, non-ASCII, old dates. */
    List<String> edgeRecords() {
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
    List<RecordBatch> parse(List<String> lines) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "feed-", ".txt");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        FeedReader reader = new FeedReader(stream, file, DATE, scratch, 1 << 20);
        List<RecordBatch> batches = new ArrayList<>();
        try {
            RecordBatch last = reader.read(new RecordBatch(stream.layout(), 1000), full -> {
                batches.add(full);
                return new RecordBatch(stream.layout(), 1000);
            });
            batches.add(last);
            assertThat(reader.statistics().rowsAccepted()).as("records accepted by the parser; rejects: %s", reader.firstRejectMessages())
                    .isEqualTo(lines.size());
        } finally {
            reader.close();
            Files.delete(file);
        }
        return batches;
    }

    /**
     * The records of {@code accounts} parsed as the loader parses them, each with its position as its line number; a
     * null takes a line the reader rejects, so that the next record has the line wanted. A record on line 1 or 2 has
     * USER_CODE FIRST, a later one LINE&lt;n&gt;.
     */
    RecordBatch numbered(LocalDate date, String... accounts) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < accounts.length; i++) {
            lines.add(accounts[i] == null ? "not a record"
                    : RecordLines.record(stream, accounts[i]).with("USER_CODE", i < 2 ? "FIRST" : "LINE" + (i + 1)).line());
        }
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "numbered-", ".txt");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        FeedReader reader = new FeedReader(stream, file, date, scratch, 1 << 20);
        try {
            RecordBatch batch = reader.read(new RecordBatch(stream.layout(), 100), full -> {
                throw new IllegalStateException("more records than one batch");
            });
            assertThat(reader.suspects().isEmpty()).as("no key repeats within the lines").isTrue();
            return batch;
        } finally {
            reader.close();
            Files.delete(file);
        }
    }

    static BatchSource source(List<RecordBatch> batches) {
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

    /** Every row of the batch, read back by its line number, holds the parsed values and the loader's columns. */
    void assertStoredAsParsed(Connection c, RecordBatch b, long processId) throws SQLException {
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
                    assertThat(rs.getLong("PROS_KEY_EFFT_I")).isEqualTo(processId);
                    assertThat(rs.getInt("ROW_SECU_ACCS_C")).isZero();
                }
            }
        }
    }

    private Object parsed(RecordBatch b, int row, int col) {
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
            // BigDecimal.equals compares the scale too: the stored scale must be the column's
            case DECIMAL -> rs.getBigDecimal(col.name());
            case DATE -> rs.getObject(col.name(), LocalDate.class);
            default -> rs.getString(col.name());
        };
    }
}
