package com.bank.gdw.loader.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.feed.Reject;
import com.bank.gdw.loader.feed.RejectReason;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.RecordLines;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys that repeat within a file (issue 10, defect 2): the first record of a key wins, every later one is a
 * DUPLICATE_KEY reject, and settling them costs the same few statements whether ten keys repeat or two thousand: on
 * Snowflake every statement is a warehouse query.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class RepeatedKeysTest {

    private static final String DATABASE = "repeated_keys";
    private static final ParsedRows ROWS = new ParsedRows("repeated-keys");
    private static final StreamDefinition STREAM = ROWS.stream();
    private static final Path WORK = Path.of("target", "repeated-keys").toAbsolutePath();

    @Parameter
    TestDatabase database;

    private static TestDatabase db;
    private static Connection real;
    private static TargetWriter writer;
    private static ExecutorService readers;

    @BeforeParameterizedClassInvocation
    static void connect(TestDatabase database) throws Exception {
        db = database;
        Files.createDirectories(WORK);
        DatabaseKind kind = DatabaseKind.valueOf(database.name());
        Properties p = kind.driverProperties();
        String url;
        if (database == TestDatabase.DUCKDB) {
            Path file = WORK.resolve("target.duckdb");
            Files.deleteIfExists(file);
            Files.deleteIfExists(WORK.resolve("target.duckdb.wal"));
            url = "jdbc:duckdb:" + file;
        } else {
            url = database.freshUrl(DATABASE);
            if (database.user() != null) {
                p.setProperty("user", database.user());
                p.setProperty("password", database.password());
            }
        }
        real = DriverManager.getConnection(url, p);
        writer = TargetWriters.forKind(kind);
        writer.prepare(real, STREAM);
        real.setAutoCommit(false);
        readers = Executors.newSingleThreadExecutor();
    }

    @AfterParameterizedClassInvocation
    static void close() throws SQLException {
        readers.shutdownNow();
        real.rollback();
        real.close();
        db.drop(DATABASE);
    }

    @Test
    void two_thousand_repeated_keys_cost_no_more_statements_than_ten_and_the_first_record_of_each_key_wins() throws Exception {
        // given two files of 10,000 records: in one 10 records repeat an earlier key, in the other 2,000
        LocalDate fewDate = LocalDate.of(2026, 5, 4);
        LocalDate manyDate = LocalDate.of(2026, 5, 5);
        Feed few = feed(fewDate, 10_000, 10);
        Feed many = feed(manyDate, 10_000, 2_000);

        // when each is loaded through a connection that counts the statements
        List<String> fewStatements = loadCounting(few, 501);
        long started = System.nanoTime();
        List<String> manyStatements;
        Result result;
        try (LoadedFile loaded = load(many, 502)) {
            manyStatements = lastCounted;
            result = new Result(loaded.rowsWritten(), loaded.statistics().duplicates(), loaded.statistics().rowsAccepted(),
                    duplicateLines(loaded));
        }
        real.commit();
        long millis = (System.nanoTime() - started) / 1_000_000;

        // then settling is set-based: the same statements whatever the number of repeated keys
        assertThat(manyStatements.size()).as("statements of a file with 2,000 repeated keys (%d ms): %s; with 10: %s", millis,
                summary(manyStatements), summary(fewStatements)).isEqualTo(fewStatements.size());
        assertThat(manyStatements.size()).as("statements of a unit: %s", summary(manyStatements)).isLessThan(30);
        if (database == TestDatabase.SNOWFLAKE) {
            // Snowflake commits the open transaction before DDL: settling must not issue any
            assertThat(manyStatements).noneMatch(sql -> sql.matches("(?s)\\s*(CREATE|DROP|ALTER|TRUNCATE)\\b.*"));
        }
        // and the target holds each key once, from its first record
        assertThat(result.written()).isEqualTo(8_000);
        assertThat(result.accepted()).isEqualTo(8_000);
        assertThat(result.duplicates()).isEqualTo(2_000);
        assertThat(result.duplicateLines()).containsExactlyElementsOf(many.repeatLines());
        assertThat(number("SELECT COUNT(*) FROM " + STREAM.targetTable() + " WHERE EFFT_D = ?", manyDate)).isEqualTo(8_000);
        assertThat(number("SELECT COUNT(*) FROM " + STREAM.targetTable() + " WHERE EFFT_D = ? AND USER_CODE <> 'FIRST'", manyDate))
                .as("rows from a later record of their key").isZero();
        assertThat(number("SELECT COUNT(*) FROM " + STREAM.targetTable() + " WHERE EFFT_D = ? AND PROS_KEY_EFFT_I = 502", manyDate))
                .isEqualTo(8_000);
        assertThat(number("SELECT SUM(ROW_I) FROM " + STREAM.targetTable() + " WHERE EFFT_D = ?", manyDate))
                .as("the rows are the first records' lines").isEqualTo(many.firstLinesSum());
    }

    @Test
    void a_suspect_whose_key_no_earlier_record_holds_becomes_a_row_and_takes_the_key_over_from_another_unit() throws Exception {
        // given unit 601 holds keys 3001 and 3004 of the date, and unit 602 has written its rows 3002 (line 1) and 3003 (line 2)
        LocalDate date = LocalDate.of(2026, 5, 6);
        writer.write(real, load(601, date), ParsedRows.source(List.of(ROWS.numbered(date, "3001", "3004"))));
        real.commit();
        writer.write(real, load(602, date), ParsedRows.source(List.of(ROWS.numbered(date, "3002", "3003"))));
        // and the suspects of unit 602 (as after fingerprint collisions): line 3 repeats 3002, line 4 has 3004 (unit
        // 601's), line 5 a new key 3005, line 6 repeats line 5's key, line 7 repeats 3003
        List<RecordBatch> suspects = List.of(ROWS.numbered(date, null, null, "3002", "3004", "3005"),
                ROWS.numbered(date, null, null, null, null, null, "3005", "3003"));

        // when they are settled
        Set<Long> rows = writer.settle(real, load(602, date), ParsedRows.source(suspects));
        real.commit();

        // then lines 4 and 5 are the first of their keys in the file and became rows; 3, 6 and 7 repeat a key
        assertThat(rows).containsExactlyInAnyOrder(4L, 5L);
        assertThat(owners(date)).containsExactly("3001 601@1 FIRST", "3002 602@1 FIRST", "3003 602@2 FIRST",
                "3004 602@4 LINE4", "3005 602@5 LINE5");
        if (database == TestDatabase.SNOWFLAKE) {
            assertThat(number("SELECT COUNT(*) FROM " + new TargetTable(STREAM).persistentStaging())).as("staging emptied").isZero();
        }
    }

    private static TargetLoad load(long processId, LocalDate date) {
        return new TargetLoad(STREAM, processId, date, ParsedRows.LOADED, List.of(), false);
    }

    /** "account process@line USER_CODE" of every row of the date, by account. */
    private static List<String> owners(LocalDate date) throws SQLException {
        List<String> owners = new ArrayList<>();
        try (PreparedStatement ps = real.prepareStatement("SELECT ACCT_I, PROS_KEY_EFFT_I, ROW_I, USER_CODE FROM "
                + STREAM.targetTable() + " WHERE EFFT_D = ? ORDER BY ACCT_I")) {
            ps.setDate(1, java.sql.Date.valueOf(date));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owners.add(rs.getString(1) + " " + rs.getLong(2) + "@" + rs.getLong(3) + " " + rs.getString(4));
                }
            }
        }
        return owners;
    }

    private record Result(long written, long duplicates, long accepted, List<Long> duplicateLines) { }

    /**
     * A file of {@code records} records of which {@code repeats} repeat the key of an earlier record (every fifth line
     * while repeats last, some keys three times), the repeats with another USER_CODE and amount than the first.
     */
    private record Feed(Path file, LocalDate date, List<Long> repeatLines, long firstLinesSum) { }

    private static Feed feed(LocalDate date, int records, int repeats) throws IOException {
        List<String> lines = new ArrayList<>(records);
        List<String> firstAccounts = new ArrayList<>();
        List<Long> repeatLines = new ArrayList<>();
        long firstLinesSum = 0;
        int repeated = 0;
        for (int n = 1; n <= records; n++) {
            if (n % 5 == 0 && repeated < repeats) {
                // the key of an earlier first record: each of the earliest keys comes back twice
                String account = firstAccounts.get(repeated / 2);
                lines.add(RecordLines.record(STREAM, account).with("USER_CODE", "LATER" + n % 7)
                        .with("CURR_MIN_PAYT_DUE", "77.77").line());
                repeatLines.add((long) n);
                repeated++;
            } else {
                String account = String.format("A%09d", firstAccounts.size());
                firstAccounts.add(account);
                lines.add(RecordLines.record(STREAM, account).with("USER_CODE", "FIRST").line());
                firstLinesSum += n;
            }
        }
        Path file = WORK.resolve("BCFINSG_CA_" + date + "_" + repeats + ".txt");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return new Feed(file, date, repeatLines, firstLinesSum);
    }

    private List<String> lastCounted;

    private List<String> loadCounting(Feed feed, long processId) throws Exception {
        try (LoadedFile loaded = load(feed, processId)) {
            assertThat(loaded.statistics().duplicates()).isEqualTo(feed.repeatLines().size());
        }
        real.commit();
        return lastCounted;
    }

    /** Loads the file as one unit, counting its statements into {@link #lastCounted}; the caller commits. */
    private LoadedFile load(Feed feed, long processId) throws Exception {
        StatementCounter counter = new StatementCounter(real);
        LoadPipeline pipeline = new LoadPipeline(readers, new LoadPipeline.Settings(1000, 4, 1 << 20, WORK, Long.MAX_VALUE, Long.MAX_VALUE),
                Checkpoint.NONE);
        TargetLoad load = new TargetLoad(STREAM, processId, feed.date(), ParsedRows.LOADED, List.of(), false);
        LoadedFile loaded = pipeline.load(counter.connection(), writer, load, feed.file(), (lines, bytes) -> { });
        lastCounted = counter.executed();
        return loaded;
    }

    /** Each statement's first words and how often it ran, in order of first use. */
    private static Map<String, Long> summary(List<String> statements) {
        Map<String, Long> counts = new LinkedHashMap<>();
        statements.forEach(sql -> counts.merge(sql.substring(0, Math.min(60, sql.length())), 1L, Long::sum));
        return counts;
    }

    private static List<Long> duplicateLines(LoadedFile loaded) {
        Map<Long, RejectReason> rejects = new LinkedHashMap<>();
        loaded.rejects().forEach((Reject r) -> rejects.put(r.lineNumber(), r.reason()));
        assertThat(rejects.values()).containsOnly(RejectReason.DUPLICATE_KEY);
        return rejects.keySet().stream().sorted().toList();
    }

    private static long number(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = real.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i] instanceof LocalDate d ? java.sql.Date.valueOf(d) : params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
