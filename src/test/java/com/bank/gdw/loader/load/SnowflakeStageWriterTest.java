package com.bank.gdw.loader.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.ColumnType;
import com.bank.gdw.loader.stream.Layout;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Snowflake writer's bulk path: the statements it sends and the CSV it stages, on a recording connection. */
class SnowflakeStageWriterTest {

    private static final Path WORK = Path.of("target", "snowflake-stage-writer-test");
    private static final LocalDate DATE = LocalDate.of(2026, 3, 14);
    private static final LocalDateTime LOADED = LocalDateTime.of(2026, 3, 15, 6, 7, 8, 123_456_789);
    private static final long PROCESS = 424242;
    private static final List<Long> REPLACED = List.of(770001L, 990002L);

    private static StreamDefinition stream;
    private static ExecutorService readers;

    @BeforeAll
    static void stream() throws IOException {
        stream = StreamCatalog.load(Path.of("config", "streams"), UnaryOperator.identity()).get("bcfinsg");
        readers = Executors.newSingleThreadExecutor();
        Files.createDirectories(WORK);
    }

    @AfterAll
    static void stop() {
        readers.shutdownNow();
    }

    @Test
    void prepare_creates_the_target_and_a_transient_staging_table_in_snowflake_types() throws Exception {
        // given
        RecordingSnowflakeConnection db = new RecordingSnowflakeConnection();

        // when
        new SnowflakeStageWriter().prepare(db.connection(), stream);

        // then
        assertThat(db.executed).hasSize(2);
        String target = db.executed.get(0).sql();
        assertThat(target).startsWith("CREATE TABLE IF NOT EXISTS PLAN_BALN_SEGM_MSTR (")
                .contains("CORP_IDNN VARCHAR(4) NOT NULL", "PLAN_SQNO NUMBER(3,0) NOT NULL", "CURR_MIN_PAYT_DUE NUMBER(13,2),",
                        "DATE_LAST_PAYT DATE,", "EFFT_S TIMESTAMP_NTZ NOT NULL", "EFFT_T TIME NOT NULL",
                        "PROS_KEY_EFFT_I NUMBER(19,0) NOT NULL", "ROW_SECU_ACCS_C NUMBER(10,0) NOT NULL")
                .endsWith("PRIMARY KEY (CORP_IDNN, ACCT_I, PLAN_IDNN, PLAN_SQNO, EFFT_D)\n)")
                .doesNotContain(" TIMESTAMP NOT NULL");
        String staging = db.executed.get(1).sql();
        assertThat(staging).startsWith("CREATE TRANSIENT TABLE IF NOT EXISTS PLAN_BALN_SEGM_MSTR_STG (")
                .endsWith(") DATA_RETENTION_TIME_IN_DAYS = 0")
                .doesNotContain("PRIMARY KEY");
    }

    @Test
    void a_unit_is_staged_copied_merged_and_the_rows_of_the_replaced_loads_removed() throws Exception {
        // given
        Path file = generated("BCFINSG_CA", 10);
        RecordingSnowflakeConnection db = new RecordingSnowflakeConnection();

        // when
        LoadedFile loaded = load(new SnowflakeStageWriter(), db, file);

        // then
        assertThat(loaded.rowsWritten()).isEqualTo(10);
        assertThat(db.uploads).singleElement().satisfies(u -> {
            assertThat(u.stage()).isEqualTo("@%PLAN_BALN_SEGM_MSTR_STG");
            assertThat(u.prefix()).matches("gdw_" + PROCESS + "_[0-9a-f]{32}");
            assertThat(u.fileName()).isEqualTo("chunk_00001.csv.gz");
            assertThat(u.compressData()).as("the chunk is gzip already").isFalse();
        });
        assertThat(db.executed).extracting(e -> e.sql().substring(0, e.sql().indexOf(' ', 7)))
                .containsExactly("COPY INTO", "MERGE INTO", "DELETE FROM", "DELETE FROM");

        String copy = db.executed.get(0).sql();
        String columns = new TargetTable(stream).columnList();
        // a table stage cannot transform while loading (no column list, no SELECT): the fields go by column order
        assertThat(copy).startsWith("COPY INTO PLAN_BALN_SEGM_MSTR_STG FROM @%PLAN_BALN_SEGM_MSTR_STG/" + db.uploads.get(0).prefix() + "/ ")
                .doesNotContain("SELECT", "$1", columns)
                .contains("ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE")
                .contains("FILE_FORMAT = (TYPE = CSV COMPRESSION = GZIP FIELD_DELIMITER = ',' ", "SKIP_HEADER = 0",
                        "FIELD_OPTIONALLY_ENCLOSED_BY = '\"' ESCAPE = NONE ESCAPE_UNENCLOSED_FIELD = NONE",
                        "EMPTY_FIELD_AS_NULL = TRUE NULL_IF = ()", "DATE_FORMAT = 'YYYY-MM-DD'",
                        "TIMESTAMP_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9'")
                .endsWith(" ON_ERROR = ABORT_STATEMENT PURGE = TRUE");

        RecordingSnowflakeConnection.Executed merge = db.executed.get(1);
        assertThat(merge.sql()).startsWith("MERGE INTO PLAN_BALN_SEGM_MSTR T USING (SELECT " + columns
                        + " FROM PLAN_BALN_SEGM_MSTR_STG WHERE PROS_KEY_EFFT_I = ?) S ON "
                        + "T.CORP_IDNN = S.CORP_IDNN AND T.ACCT_I = S.ACCT_I AND T.PLAN_IDNN = S.PLAN_IDNN "
                        + "AND T.PLAN_SQNO = S.PLAN_SQNO AND T.EFFT_D = S.EFFT_D WHEN MATCHED THEN UPDATE SET ")
                .contains("SRCE_SYST_ACCT_NUMB = S.SRCE_SYST_ACCT_NUMB", "PROS_KEY_EFFT_I = S.PROS_KEY_EFFT_I", "ROW_I = S.ROW_I")
                .contains(" WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (S.CORP_IDNN, ")
                .doesNotContain("CORP_IDNN = S.CORP_IDNN,", String.valueOf(PROCESS));
        assertThat(merge.parameters()).containsExactly(PROCESS);

        RecordingSnowflakeConnection.Executed removal = db.executed.get(2);
        assertThat(removal.sql()).isEqualTo("DELETE FROM PLAN_BALN_SEGM_MSTR WHERE PROS_KEY_EFFT_I IN (?, ?)");
        assertThat(removal.parameters()).containsExactly(770001L, 990002L);

        RecordingSnowflakeConnection.Executed cleared = db.executed.get(3);
        assertThat(cleared.sql()).isEqualTo("DELETE FROM PLAN_BALN_SEGM_MSTR_STG WHERE PROS_KEY_EFFT_I = ?");
        assertThat(cleared.parameters()).containsExactly(PROCESS);
    }

    @Test
    void writing_a_unit_issues_no_ddl_so_the_callers_transaction_stays_open() throws Exception {
        // given: Snowflake commits the open transaction before any DDL statement
        RecordingSnowflakeConnection db = new RecordingSnowflakeConnection();

        // when
        load(new SnowflakeStageWriter(), db, generated("BCFINSG_CB", 5));

        // then
        assertThat(db.executed).extracting(RecordingSnowflakeConnection.Executed::sql)
                .noneMatch(sql -> sql.matches("(?s)\\s*(CREATE|DROP|ALTER|TRUNCATE|COMMIT|BEGIN|ROLLBACK|REMOVE|PUT)\\b.*"));
    }

    @Test
    void the_staged_csv_gives_back_every_value_of_the_file_exactly() throws Exception {
        // given: a record with quotes, commas, backslashes, non-ASCII text, the text \N, decimals to be scaled,
        // a negative decimal below one, and the date marker
        Layout layout = stream.layout();
        Path file = generated("BCFINSG_CC", 6);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String[] f = lines.get(1).split("\\|", -1);
        f[layout.indexOf("SRCE_SYST_ACCT_NUMB")] = "a\"b,c\\d'e \"x\"";
        f[layout.indexOf("STOR_IDNN")] = ",,\"\"";
        f[layout.indexOf("ORIG_STAT")] = "ü\"€";
        f[layout.indexOf("LAST_RATE_CODE")] = "\\N";
        f[layout.indexOf("LFTD_HIGH_BALN")] = "12";
        f[layout.indexOf("CURR_MIN_PAYT_DUE")] = "-0.05";
        f[layout.indexOf("INT_SAVE_RATE")] = "0.5";
        f[layout.indexOf("DATE_LAST_PAYT")] = "1111-11-11";
        f[layout.indexOf("DATE_SPEC_TERM_END")] = "2026-02-28";
        lines.set(1, String.join("|", f));
        String[] g = lines.get(2).split("\\|", -1);
        g[layout.indexOf("SRCE_SYST_ACCT_NUMB")] = "";
        g[layout.indexOf("LFTD_HIGH_BALN")] = "";
        lines.set(2, String.join("|", g));
        Files.write(file, lines, StandardCharsets.UTF_8);
        RecordingSnowflakeConnection db = new RecordingSnowflakeConnection();

        // when
        load(new SnowflakeStageWriter(), db, file);

        // then
        List<List<String>> staged = snowflakeCsv(gunzip(db.uploads.get(0).content()));
        assertThat(staged).hasSize(lines.size());
        for (int r = 0; r < lines.size(); r++) {
            String[] source = lines.get(r).split("\\|", -1);
            List<String> row = staged.get(r);
            assertThat(row).hasSize(stream.targetColumns().size());
            for (int c = 0; c < layout.size(); c++) {
                assertSameValue(layout.column(c).type(), expected(source[c]), row.get(c), "line " + (r + 1) + " " + layout.column(c).name());
            }
            assertThat(row.subList(layout.size(), row.size()))
                    .containsExactly("2026-03-14", "2026-03-15 06:07:08.123456789", "06:07:08", String.valueOf(PROCESS),
                            String.valueOf(r + 1), "0");
        }
        List<String> special = staged.get(1);
        assertThat(special.get(layout.indexOf("SRCE_SYST_ACCT_NUMB"))).isEqualTo("a\"b,c\\d'e \"x\"");
        assertThat(special.get(layout.indexOf("STOR_IDNN"))).isEqualTo(",,\"\"");
        assertThat(special.get(layout.indexOf("ORIG_STAT"))).isEqualTo("ü\"€");
        assertThat(special.get(layout.indexOf("LAST_RATE_CODE"))).as("the text \\N is not NULL").isEqualTo("\\N");
        assertThat(special.get(layout.indexOf("LFTD_HIGH_BALN"))).isEqualTo("12.00");
        assertThat(special.get(layout.indexOf("CURR_MIN_PAYT_DUE"))).isEqualTo("-0.05");
        assertThat(special.get(layout.indexOf("INT_SAVE_RATE"))).isEqualTo("0.50");
        assertThat(special.get(layout.indexOf("DATE_LAST_PAYT"))).as("the date marker loads as NULL").isNull();
        assertThat(special.get(layout.indexOf("DATE_SPEC_TERM_END"))).isEqualTo("2026-02-28");
        assertThat(staged.get(2).get(layout.indexOf("SRCE_SYST_ACCT_NUMB"))).isNull();
        assertThat(staged.get(2).get(layout.indexOf("LFTD_HIGH_BALN"))).isNull();
    }

    @Test
    void a_unit_larger_than_a_chunk_is_staged_in_several_files_loaded_by_one_copy() throws Exception {
        // given: chunks of about 4 KB, about six records each
        RecordingSnowflakeConnection db = new RecordingSnowflakeConnection();

        // when
        LoadedFile loaded = load(new SnowflakeStageWriter(null, 4096, Long.MAX_VALUE), db, generated("BCFINSG_CD", 50));

        // then
        assertThat(db.uploads).hasSizeGreaterThan(3);
        assertThat(db.uploads).extracting(RecordingSnowflakeConnection.Upload::prefix).containsOnly(db.uploads.get(0).prefix());
        assertThat(db.uploads.get(db.uploads.size() - 1).fileName()).isEqualTo(String.format("chunk_%05d.csv.gz", db.uploads.size()));
        long lines = 0;
        long previousLast = 0;
        for (RecordingSnowflakeConnection.Upload u : db.uploads) {
            List<List<String>> rows = snowflakeCsv(gunzip(u.content()));
            assertThat(Long.parseLong(rows.get(0).get(stream.layout().size() + 4))).as("rows continue across chunks").isEqualTo(previousLast + 1);
            previousLast = Long.parseLong(rows.get(rows.size() - 1).get(stream.layout().size() + 4));
            lines += rows.size();
        }
        assertThat(lines).isEqualTo(50).isEqualTo(loaded.rowsWritten());
        assertThat(db.executed).filteredOn(e -> e.sql().startsWith("COPY INTO")).hasSize(1);
    }

    @Test
    void a_chunk_is_cut_by_its_compressed_size_too_so_badly_compressing_data_never_makes_a_large_chunk() throws Exception {
        // given: no uncompressed limit to speak of, and 8 KB of compressed bytes per chunk at most
        RecordingSnowflakeConnection db = new RecordingSnowflakeConnection();

        // when
        LoadedFile loaded = load(new SnowflakeStageWriter(null, Long.MAX_VALUE, 8192), db, generated("BCFINSG_CE", 400));

        // then: several chunks, none past the limit by more than what the deflater holds back (one 64 KB block),
        // every row staged once
        assertThat(db.uploads).hasSizeGreaterThan(2);
        assertThat(db.uploads).allSatisfy(u -> assertThat(u.content().length).isLessThan(8192 + 65536));
        long lines = db.uploads.stream().mapToLong(u -> snowflakeCsvRows(u)).sum();
        assertThat(lines).isEqualTo(400).isEqualTo(loaded.rowsWritten());
    }

    private static long snowflakeCsvRows(RecordingSnowflakeConnection.Upload u) {
        try {
            return snowflakeCsv(gunzip(u.content())).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_configured_stage_receives_the_files_and_a_name_that_is_not_an_identifier_is_refused() throws Exception {
        // given
        RecordingSnowflakeConnection db = new RecordingSnowflakeConnection();

        // when
        load(new SnowflakeStageWriter("@GDW.LOAD.FEED_STAGE"), db, generated("BCFINSG_CE", 3));

        // then
        assertThat(db.uploads).extracting(RecordingSnowflakeConnection.Upload::stage).containsOnly("@GDW.LOAD.FEED_STAGE");
        assertThat(db.executed.get(0).sql()).contains(" FROM @GDW.LOAD.FEED_STAGE/" + db.uploads.get(0).prefix() + "/ FILE_FORMAT");
        assertThatThrownBy(() -> new SnowflakeStageWriter("@S/x') PURGE = FALSE --")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_file_without_accepted_records_stages_nothing_and_still_removes_the_replaced_rows() throws Exception {
        // given: every record of the file rejected (field count)
        Path file = generated("BCFINSG_CF", 4);
        List<String> cut = Files.readAllLines(file).stream().map(l -> l.substring(0, l.lastIndexOf('|'))).toList();
        Files.write(file, cut, StandardCharsets.UTF_8);
        RecordingSnowflakeConnection db = new RecordingSnowflakeConnection();

        // when
        LoadedFile loaded = load(new SnowflakeStageWriter(), db, file);

        // then
        assertThat(loaded.rowsWritten()).isZero();
        assertThat(db.uploads).isEmpty();
        assertThat(db.executed).extracting(RecordingSnowflakeConnection.Executed::sql)
                .containsExactly("DELETE FROM PLAN_BALN_SEGM_MSTR WHERE PROS_KEY_EFFT_I IN (?, ?)");
    }

    @Test
    void a_snowflake_target_gets_the_stage_writer_and_snowflake_session_settings() {
        assertThat(TargetWriters.forKind(DatabaseKind.SNOWFLAKE)).isInstanceOf(SnowflakeStageWriter.class);
        assertThat(DatabaseKind.SNOWFLAKE.driverProperties()).containsEntry("TIMEZONE", "UTC")
                .containsEntry("CLIENT_TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ").containsEntry("JDBC_QUERY_RESULT_FORMAT", "JSON");
    }

    private static Path generated(String unit, int rows) throws IOException {
        Path dir = WORK.resolve(unit);
        return new FeedGenerator(stream).gzip(false).controlLine(false).generate(dir, unit, DATE, rows, 0).loadFile();
    }

    private static LoadedFile load(SnowflakeStageWriter writer, RecordingSnowflakeConnection db, Path file) throws Exception {
        LoadPipeline pipeline = new LoadPipeline(readers, new LoadPipeline.Settings(4, 2, 1 << 20, WORK, Long.MAX_VALUE, Long.MAX_VALUE), Checkpoint.NONE);
        TargetLoad load = new TargetLoad(stream, PROCESS, DATE, LOADED, REPLACED, false);
        try (LoadedFile loaded = pipeline.load(db.connection(), writer, load, file, (lines, bytes) -> { })) {
            return loaded;
        }
    }

    /** A field of the feed as the loader reads it: trimmed, empty or the date marker as NULL. */
    private static String expected(String field) {
        String v = field.strip();
        return v.isEmpty() || v.equals(stream.dateMarker()) ? null : v;
    }

    private static void assertSameValue(ColumnType type, String expected, String staged, String where) {
        if (expected == null || type.kind() != ColumnType.Kind.DECIMAL) {
            assertThat(staged).as(where).isEqualTo(expected);
            return;
        }
        assertThat(new BigDecimal(staged)).as(where).isEqualByComparingTo(new BigDecimal(expected));
        assertThat(new BigDecimal(staged).scale()).as(where + " written with the column's scale").isEqualTo(type.scale());
    }

    private static String gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern FIELD = Pattern.compile("\"((?:[^\"]|\"\")*)\"|([^,\"\n]*)");

    /**
     * Reads CSV the way the writer's FILE_FORMAT tells Snowflake to: fields split at commas, records at LF; a field in
     * double quotes is text with "" for a quote and nothing escaped; an empty unquoted field is NULL.
     */
    private static List<List<String>> snowflakeCsv(String csv) {
        assertThat(csv).endsWith("\n");
        List<List<String>> rows = new ArrayList<>();
        for (String line : csv.substring(0, csv.length() - 1).split("\n", -1)) {
            List<String> row = new ArrayList<>();
            Matcher m = FIELD.matcher(line);
            int at = 0;
            while (true) {
                assertThat(m.find(at) && m.start() == at).as("a field at %d of %s", at, line).isTrue();
                row.add(m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2).isEmpty() ? null : m.group(2));
                at = m.end();
                if (at == line.length()) {
                    break;
                }
                assertThat(line.charAt(at)).as("delimiter after a field of %s", line).isEqualTo(',');
                at++;
                if (at == line.length()) {
                    row.add(null);
                    break;
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
