package com.bank.gdw.loader.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.feed.RejectReason;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.testkit.RecordLines;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The feed contract end to end: what each kind of file does to the target, the DCF tables, the files and the report. */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class UnitLoadScenariosTest extends ScenarioTest {

    private static final String TARGET = "PLAN_BALN_SEGM_MSTR";

    UnitLoadScenariosTest(TestDatabase database) {
        // the database is chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        h = LoaderHarness.start("scenarios-" + database, LoaderHarness.options().database(database, "scenarios"));
    }

    private static LocalDate day(int n) {
        return LocalDate.of(2026, 10, 1).plusDays(n);
    }

    private long targetRows(LocalDate date) {
        return h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ?", date);
    }

    private Map<String, Object> unit(long runId, String unit) {
        return h.rows("SELECT * FROM DCF_T_PRCS_INST WHERE STRM_INST_ID = ? AND PRCS_NAME = ?", runId, unit).get(0);
    }

    private String lines(String... records) {
        return String.join("\n", records) + "\n";
    }

    private void dropUnit(String unit, LocalDate date, String records, String control) {
        h.drop(h.stream().files().loadName(unit, date, false), records);
        h.drop(h.stream().files().triggerName(unit, date), control);
    }

    private static String ctl(LocalDate date, long count) {
        return "CTL|" + date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "|" + count + "\n";
    }

    @Test
    void the_stored_load_and_dcf_timestamps_are_the_utc_wall_clock_whatever_the_jvm_zone() {
        // given (mvn verify runs this class once more in a JVM in Australia/Sydney)
        LocalDate date = day(25);
        h.generate("BCFINSG_CA", date, 20, 0);
        java.time.LocalDateTime before = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(2);

        // when
        RunOutcome outcome = h.run(date);

        // then
        java.time.LocalDateTime after = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(2);
        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        for (String stored : List.of(
                h.rows("SELECT CAST(MAX(EFFT_S) AS VARCHAR) AS TS FROM " + TARGET + " WHERE EFFT_D = ?", date).get(0).get("TS").toString(),
                h.rows("SELECT CAST(PRCS_START_TS AS VARCHAR) AS TS FROM DCF_T_PRCS_INST WHERE STRM_INST_ID = ?", outcome.runId()).get(0).get("TS").toString())) {
            java.time.LocalDateTime value = java.time.LocalDateTime.parse(stored.substring(0, 19).replace(' ', 'T'));
            assertThat(value).as("stored %s (JVM zone %s)", stored, java.util.TimeZone.getDefault().getID()).isBetween(before, after);
        }
    }

    @Test
    void clean_load_of_two_units_writes_every_row_archives_the_files_and_reports_them() throws IOException {
        LocalDate date = day(1);
        FeedGenerator.Generated ca = h.generate("BCFINSG_CA", date, 1500, 0);
        FeedGenerator.Generated cb = h.generate("BCFINSG_CB", date, 700, 0);

        RunOutcome outcome = h.run(date);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(outcome.exitCode()).isZero();
        assertThat(targetRows(date)).isEqualTo(2200);
        assertThat(unit(outcome.runId(), "BCFINSG_CA")).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(((Number) unit(outcome.runId(), "BCFINSG_CB").get("ROWS_WRITTEN")).longValue()).isEqualTo(700);
        assertThat(LoaderHarness.files(h.landing())).doesNotContain(ca.loadFile().getFileName().toString(), cb.triggerFile().getFileName().toString());
        assertThat(LoaderHarness.files(h.archiveLoad())).contains(ca.loadFile().getFileName().toString(), cb.loadFile().getFileName().toString());
        assertThat(LoaderHarness.files(h.archiveTrigger())).contains(ca.triggerFile().getFileName().toString(), cb.triggerFile().getFileName().toString());
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_DATA_LINEAGE l JOIN DCF_T_PRCS_INST p ON p.PRCS_INST_ID = l.PRCS_INST_ID "
                + "WHERE p.STRM_INST_ID = ?", outcome.runId())).isEqualTo(4);
        assertThat(Files.readString(h.reports().resolve("PLAN_BALN_SEGM_MSTR_20261002_LOAD_RPT.csv"))).isEqualTo(
                LoadReport.CSV_HEADER + "\n"
                        + ca.loadFile().getFileName() + ",1500,0,0,1500,0\n"
                        + cb.loadFile().getFileName() + ",700,0,0,700,0\n");
        assertThat(h.rows("SELECT NOTIFICATION_TYPE, NOTIFICATION_STATUS FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ?", outcome.runId()))
                .containsExactly(Map.of("NOTIFICATION_TYPE", "LOAD_COMPLETION_REPORT", "NOTIFICATION_STATUS", "PENDING"));
        // the loader's own columns
        Map<String, Object> row = h.rows("SELECT EFFT_D, PROS_KEY_EFFT_I, ROW_I, ROW_SECU_ACCS_C FROM " + TARGET
                + " WHERE EFFT_D = ? AND ROW_I = 7 AND PROS_KEY_EFFT_I = ?", date, unit(outcome.runId(), "BCFINSG_CA").get("PRCS_INST_ID")).get(0);
        assertThat(((Number) row.get("ROW_SECU_ACCS_C")).intValue()).isZero();
        assertThat(h.rows("SELECT PRCS_STATISTICS FROM DCF_T_PRCS_EXEC_LOG WHERE PRCS_INST_ID = ? AND PRCS_STATUS = 'COMPLETED'",
                unit(outcome.runId(), "BCFINSG_CA").get("PRCS_INST_ID")).get(0).get("PRCS_STATISTICS").toString())
                .contains("\"records_processed\" : 1500", "\"records_loaded\" : 1500", "\"batch_id\"", "\"reconciliation_rows\" : 1500");
        // the JSON report: the same run summary as the LOAD_COMPLETION_REPORT notification
        JsonNode json = LoadReport.JSON.readTree(h.reports().resolve("PLAN_BALN_SEGM_MSTR_20261002_LOAD_RPT.json").toFile());
        assertThat(json.path("stream_name").asText()).isEqualTo("BCFINSG_PLAN_BALN_SEGM_LOAD");
        assertThat(json.path("processing_date").asText()).isEqualTo("2026-10-02");
        assertThat(json.path("batch_id").asText()).isNotBlank();
        assertThat(json.path("load_summary").path("rows_written").asLong()).isEqualTo(2200);
        assertThat(json.path("load_summary").path("units")).hasSize(2);
        assertThat(json.path("load_summary").path("units").get(0).path("file_name").asText()).isEqualTo(ca.loadFile().getFileName().toString());
        JsonNode quality = json.path("quality_metrics");
        assertThat(quality.path("high").asLong() + quality.path("medium").asLong() + quality.path("low").asLong()).isEqualTo(2200);
        assertThat(json.path("performance_metrics").path("throughput_records_per_minute").asLong()).isPositive();
        assertThat(h.rows("SELECT NOTIFICATION_CONTENT FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ?", outcome.runId()).get(0)
                .get("NOTIFICATION_CONTENT").toString()).contains("\"stream_name\"", "\"quality_metrics\"");
    }

    @Test
    void each_reject_reason_is_counted_in_the_report_the_unit_row_and_the_reject_table() throws IOException {
        LocalDate date = day(2);
        var s = h.stream();
        List<String> records = new ArrayList<>();
        records.add(RecordLines.record(s, "1001").line());                                       // 1 ok
        records.add(RecordLines.record(s, "1002").line() + "|extra");                            // 2 FIELD_COUNT (130 fields)
        records.add(RecordLines.record(s, "1003").with("PLAN_SQNO", "").line());                 // 3 KEY_MISSING
        records.add(RecordLines.record(s, "1004").with("ORIG_BALN", "12.345").line());           // 4 INVALID_VALUE (3 fraction digits)
        records.add(RecordLines.record(s, "1005").with("INT_SAVE_RATE", "1.00").line());         // 5 INVALID_VALUE (DECIMAL(2,2))
        records.add(RecordLines.record(s, "1006").with("DATE_MIGR", "2026-02-29").line());       // 6 INVALID_VALUE (no such day)
        records.add(RecordLines.record(s, "1007").with("ORIG_STAT", "ABCD").line());             // 7 INVALID_VALUE (VARCHAR(3))
        records.add(RecordLines.record(s, "1001").line());                                       // 8 DUPLICATE_KEY of line 1
        records.add(RecordLines.record(s, "1009").line());                                       // 9 ok
        String good = goodRecords(20, "19");                                                     // 12..31 ok, for the quality gate
        byte[] body = (String.join("\n", records) + "\n" + RecordLines.record(s, "1010").with("USER_CODE", "\u0000X").line().replace("\u0000", "\u00e9") + "\n")
                .getBytes(StandardCharsets.UTF_8);
        // line 10: a Latin-1 byte where UTF-8 is required
        byte[] latin1 = RecordLines.record(s, "1011").with("USER_CODE", "ZZ").line().getBytes(StandardCharsets.UTF_8);
        int z = indexOf(latin1, "ZZ".getBytes(StandardCharsets.US_ASCII));
        latin1[z] = (byte) 0xE9;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(body);
        all.write(latin1);
        all.write('\n');
        all.write(good.getBytes(StandardCharsets.UTF_8));
        h.drop(s.files().loadName("BCFINSG_CA", date, false), all.toByteArray());
        h.drop(s.files().triggerName("BCFINSG_CA", date), ctl(date, 31));

        RunOutcome outcome = h.run(date);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        Map<String, Object> u = unit(outcome.runId(), "BCFINSG_CA");
        assertThat(u).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(((Number) u.get("INPUT_ROWS")).longValue()).isEqualTo(31);
        assertThat(((Number) u.get("REJECTED_ROWS")).longValue()).isEqualTo(7);
        assertThat(((Number) u.get("DUPLICATE_ROWS")).longValue()).isEqualTo(1);
        assertThat(((Number) u.get("ROWS_WRITTEN")).longValue()).isEqualTo(23);
        assertThat(targetRows(date)).isEqualTo(23);
        List<Map<String, Object>> rejects = h.rows("SELECT LINE_NUMBER, CONV_MAP_RULE_M, TRSF_COLM_M, VALU_CHNG_BFOR_X FROM UTIL_TRSF_EROR_RQM3 "
                + "WHERE PRCS_INST_ID = ? ORDER BY LINE_NUMBER", u.get("PRCS_INST_ID"));
        assertThat(rejects).extracting(r -> ((Number) r.get("LINE_NUMBER")).intValue() + " " + r.get("CONV_MAP_RULE_M") + " " + r.get("TRSF_COLM_M"))
                .containsExactly("2 FIELD_COUNT null", "3 KEY_MISSING PLAN_SQNO", "4 INVALID_VALUE ORIG_BALN", "5 INVALID_VALUE INT_SAVE_RATE",
                        "6 INVALID_VALUE DATE_MIGR", "7 INVALID_VALUE ORIG_STAT", "8 DUPLICATE_KEY CORP_IDNN,ACCT_I,PLAN_IDNN,PLAN_SQNO",
                        "11 INVALID_VALUE USER_CODE");
        assertThat(rejects.get(2).get("VALU_CHNG_BFOR_X")).isEqualTo("12.345");
        assertThat(rejects.get(6).get("VALU_CHNG_BFOR_X")).isEqualTo("C001|1001|P01|1");
        // line 10 holds a valid two-byte character and loads; line 11 is not UTF-8
        assertThat(h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ? AND USER_CODE = ?", date, "\u00e9X")).isEqualTo(1);
        assertThat(Files.readString(h.reports().resolve("PLAN_BALN_SEGM_MSTR_20261003_LOAD_RPT.csv")))
                .endsWith("BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261003_I.txt,31,7,1,23,8\n");
        assertThat(((Number) u.get("AVG_DQ_SCORE")).doubleValue()).isEqualTo(74.19);
    }

    /** {@code n} valid records with accounts {@code prefix}00.. (they keep a file above the quality minimum). */
    private static String goodRecords(int n, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(RecordLines.record(h.stream(), prefix + String.format("%02d", i)).line()).append('\n');
        }
        return sb.toString();
    }

    private static int indexOf(byte[] a, byte[] what) {
        outer:
        for (int i = 0; i <= a.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (a[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void the_first_of_two_records_with_the_same_key_wins() {
        LocalDate date = day(3);
        var s = h.stream();
        dropUnit("BCFINSG_CA", date, lines(
                RecordLines.record(s, "2001").with("USER_CODE", "FIRST").line(),
                RecordLines.record(s, "2002").line(),
                RecordLines.record(s, "2001").with("USER_CODE", "SECOND").line(),
                RecordLines.record(s, "2001").with("PLAN_SQNO", "01").with("USER_CODE", "THIRD").line())
                + goodRecords(10, "29"), ctl(date, 14));

        RunOutcome outcome = h.run(date);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.rows("SELECT USER_CODE, ROW_I FROM " + TARGET + " WHERE EFFT_D = ? AND ACCT_I = '2001'", date))
                .extracting(r -> r.get("USER_CODE") + "@" + ((Number) r.get("ROW_I")).intValue()).containsExactly("FIRST@1");
        assertThat(((Number) unit(outcome.runId(), "BCFINSG_CA").get("DUPLICATE_ROWS")).intValue()).isEqualTo(2);
    }

    @Test
    void a_file_below_the_quality_minimum_loads_nothing_and_goes_to_the_error_directory() {
        LocalDate date = day(4);
        FeedGenerator.Generated g = h.generate(new FeedGenerator(h.stream()).qualityDefects(0.6), "BCFINSG_CA", date, 400, 0);

        RunOutcome outcome = h.run(date);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.exitCode()).isEqualTo(1);
        Map<String, Object> u = unit(outcome.runId(), "BCFINSG_CA");
        assertThat(u).containsEntry("PRCS_STATUS", "QUALITY_ISSUES");
        assertThat(((Number) u.get("AVG_DQ_SCORE")).doubleValue()).isLessThan(70);
        assertThat(((Number) u.get("ROWS_WRITTEN")).longValue()).isZero();
        assertThat(targetRows(date)).isZero();
        assertThat(LoaderHarness.files(h.error())).contains(g.loadFile().getFileName().toString(), g.triggerFile().getFileName().toString());
        assertThat(h.rows("SELECT NOTIFICATION_TYPE FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ?", outcome.runId()))
                .containsExactly(Map.of("NOTIFICATION_TYPE", "LOAD_FAILURE"));
    }

    @Test
    void a_control_count_that_differs_rejects_the_unit_whole() {
        LocalDate date = day(5);
        var s = h.stream();
        dropUnit("BCFINSG_CA", date, lines(RecordLines.record(s, "3001").line(), RecordLines.record(s, "3002").line()), ctl(date, 3));

        RunOutcome outcome = h.run(date);

        Map<String, Object> u = unit(outcome.runId(), "BCFINSG_CA");
        assertThat(u).containsEntry("PRCS_STATUS", "CONTROL_MISMATCH");
        assertThat((String) u.get("ERROR_MESSAGE")).contains("control count 3 differs from the 2 records");
        // a unit that did not load still gets its exec-log row with start, end and the contract's statistics
        Map<String, Object> log = h.rows("SELECT PRCS_START_TS, PRCS_END_TS, PRCS_STATUS, PRCS_STATISTICS, MESSAGE_TYPE FROM DCF_T_PRCS_EXEC_LOG "
                + "WHERE PRCS_INST_ID = ? AND PRCS_STATUS IS NOT NULL", u.get("PRCS_INST_ID")).get(0);
        assertThat(log).containsEntry("PRCS_STATUS", "CONTROL_MISMATCH").containsEntry("MESSAGE_TYPE", "ERROR");
        assertThat(log.get("PRCS_START_TS")).isNotNull();
        assertThat(log.get("PRCS_END_TS")).isNotNull();
        assertThat(log.get("PRCS_STATISTICS").toString()).contains("\"records_processed\"", "\"quality_score_avg\"",
                "\"load_duration_seconds\"", "\"warehouse_used\"", "\"processing_date\" : \"" + date + "\"", "\"batch_id\"");
        assertThat(targetRows(date)).isZero();
        assertThat(LoaderHarness.files(h.error())).contains(s.files().triggerName("BCFINSG_CA", date),
                s.files().loadName("BCFINSG_CA", date, false));
    }

    @Test
    void a_control_date_that_differs_from_the_file_name_rejects_the_unit_whole() {
        LocalDate date = day(6);
        var s = h.stream();
        dropUnit("BCFINSG_CA", date, lines(RecordLines.record(s, "3101").line()), ctl(date.minusDays(1), 1));

        RunOutcome outcome = h.run(date);

        assertThat(unit(outcome.runId(), "BCFINSG_CA")).containsEntry("PRCS_STATUS", "CONTROL_MISMATCH")
                .containsEntry("ERROR_MESSAGE", s.files().triggerName("BCFINSG_CA", date) + " line 1 column 2: control date "
                        + date.minusDays(1) + " differs from the file name date " + date);
        assertThat(targetRows(date)).isZero();
        assertThat(LoaderHarness.files(h.error())).contains(s.files().triggerName("BCFINSG_CA", date),
                s.files().loadName("BCFINSG_CA", date, false));
    }

    @Test
    void a_trigger_without_its_load_file_fails_the_unit_with_load_file_missing() {
        LocalDate date = day(7);
        h.drop(h.stream().files().triggerName("BCFINSG_CA", date), "");

        RunOutcome outcome = h.run(date);

        Map<String, Object> u = unit(outcome.runId(), "BCFINSG_CA");
        assertThat(u).containsEntry("PRCS_STATUS", "FAILED");
        assertThat((String) u.get("ERROR_MESSAGE")).startsWith("load file missing");
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(LoaderHarness.files(h.error())).contains(h.stream().files().triggerName("BCFINSG_CA", date));
    }

    @Test
    void a_fifo_at_the_load_file_name_fails_the_unit_saying_so_and_stays_in_landing() throws Exception {
        LocalDate date = day(16);
        Path fifo = h.landing().resolve(h.stream().files().loadName("BCFINSG_CA", date, true));
        assumeTrue(mkfifo(fifo), "mkfifo is not available here");

        assertTheUnitFailsNaming(date, fifo, "is a FIFO, not a regular file");
    }

    @Test
    void a_directory_at_the_load_file_name_fails_the_unit_saying_so_and_stays_in_landing() throws Exception {
        LocalDate date = day(17);
        Path dir = Files.createDirectory(h.landing().resolve(h.stream().files().loadName("BCFINSG_CA", date, false)));

        assertTheUnitFailsNaming(date, dir, "is a directory, not a regular file");
    }

    @Test
    void a_symbolic_link_at_the_load_file_name_fails_the_unit_saying_it_is_not_followed_and_stays_in_landing() throws Exception {
        LocalDate date = day(18);
        Path outside = Files.writeString(Files.createDirectories(h.dataDir().resolve("outside")).resolve("records.txt"),
                lines(RecordLines.record(h.stream(), "1801").line()));
        Path link = Files.createSymbolicLink(h.landing().resolve(h.stream().files().loadName("BCFINSG_CA", date, true)), outside);

        assertTheUnitFailsNaming(date, link, "is a symbolic link, not a regular file (links are not followed)");
        assertThat(targetRows(date)).isZero();
    }

    /**
     * The loader reads only regular files (UnitDiscovery), so what lies at the load file's name is not read; the unit
     * fails saying what it is, not that the load file is missing, its trigger goes to error/ and that entry stays.
     */
    private void assertTheUnitFailsNaming(LocalDate date, Path notAFile, String words) throws IOException {
        String trigger = h.stream().files().triggerName("BCFINSG_CA", date);
        h.drop(trigger, "");
        try {
            RunOutcome outcome = h.run(date);

            assertThat(unit(outcome.runId(), "BCFINSG_CA")).containsEntry("PRCS_STATUS", "FAILED")
                    .containsEntry("ERROR_MESSAGE", "load file " + notAFile.getFileName() + " " + words);
            assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
            assertThat(LoaderHarness.files(h.error())).contains(trigger);
            assertThat(Files.exists(notAFile, LinkOption.NOFOLLOW_LINKS)).isTrue();
        } finally {
            Files.delete(notAFile);
        }
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void a_load_file_without_its_trigger_is_left_alone() {
        LocalDate date = day(8);
        String name = h.stream().files().loadName("BCFINSG_CA", date, false);
        h.drop(name, lines(RecordLines.record(h.stream(), "4001").line()));

        RunOutcome outcome = h.run(date);

        assertThat(outcome.status()).isEqualTo(RunStatus.NO_DATA_AVAILABLE);
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(LoaderHarness.files(h.landing())).contains(name);
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE FILE_NAME = ?", name)).isZero();
    }

    @Test
    void a_resend_replaces_the_unit_rows_a_dropped_row_disappears_and_a_changed_row_changes() {
        LocalDate date = day(9);
        var s = h.stream();
        dropUnit("BCFINSG_CA", date, lines(RecordLines.record(s, "5001").line(), RecordLines.record(s, "5002").line(),
                RecordLines.record(s, "5003").with("CURR_MIN_PAYT_DUE", "10.00").line()), ctl(date, 3));
        dropUnit("BCFINSG_CB", date, lines(RecordLines.record(s, "5101").line()), ctl(date, 1));
        RunOutcome first = h.run(date);
        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);

        dropUnit("BCFINSG_CA", date, lines(RecordLines.record(s, "5001").line(),
                RecordLines.record(s, "5003").with("CURR_MIN_PAYT_DUE", "99.50").line(),
                RecordLines.record(s, "5004").line()), ctl(date, 3));
        RunOutcome resend = h.run(date);

        assertThat(resend.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.rows("SELECT ACCT_I FROM " + TARGET + " WHERE EFFT_D = ? ORDER BY ACCT_I", date))
                .extracting(r -> r.get("ACCT_I")).containsExactly("5001", "5003", "5004", "5101");
        assertThat(((Number) h.rows("SELECT CURR_MIN_PAYT_DUE FROM " + TARGET + " WHERE EFFT_D = ? AND ACCT_I = '5003'", date)
                .get(0).get("CURR_MIN_PAYT_DUE")).doubleValue()).isEqualTo(99.50);
        Object newId = unit(resend.runId(), "BCFINSG_CA").get("PRCS_INST_ID");
        assertThat(h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ? AND ACCT_I LIKE '50%' AND PROS_KEY_EFFT_I <> ?", date, newId))
                .isZero();
        // the other unit of the date is untouched
        assertThat(h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ? AND ACCT_I = '5101' AND PROS_KEY_EFFT_I = ?",
                date, unit(first.runId(), "BCFINSG_CB").get("PRCS_INST_ID"))).isEqualTo(1);
        // the archive kept both sends: the second under a distinguishing name
        assertThat(LoaderHarness.files(h.archiveLoad()).stream().filter(f -> f.startsWith(s.files().loadName("BCFINSG_CA", date, false))))
                .hasSize(2);
    }

    @Test
    void a_key_another_unit_of_the_date_holds_goes_to_the_unit_loaded_last() {
        LocalDate date = day(15);
        var s = h.stream();
        dropUnit("BCFINSG_CA", date, lines(RecordLines.record(s, "5201").line(), RecordLines.record(s, "5202").line()), ctl(date, 2));
        dropUnit("BCFINSG_CB", date, lines(RecordLines.record(s, "5202").with("USER_CODE", "CB").line(),
                RecordLines.record(s, "5203").line()), ctl(date, 2));

        RunOutcome outcome = h.run(date);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        Object ca = unit(outcome.runId(), "BCFINSG_CA").get("PRCS_INST_ID");
        Object cb = unit(outcome.runId(), "BCFINSG_CB").get("PRCS_INST_ID");
        assertThat(h.rows("SELECT ACCT_I, PROS_KEY_EFFT_I, USER_CODE FROM " + TARGET + " WHERE EFFT_D = ? ORDER BY ACCT_I", date))
                .extracting(r -> r.get("ACCT_I") + " " + r.get("PROS_KEY_EFFT_I") + " " + r.get("USER_CODE"))
                .containsExactly("5201 " + ca + " AAA", "5202 " + cb + " CB", "5203 " + cb + " AAA");
    }

    @Test
    void a_file_whose_content_was_already_loaded_is_skipped_and_archived() throws IOException {
        LocalDate date = day(10);
        FeedGenerator.Generated g = h.generate("BCFINSG_CA", date, 50, 0);
        byte[] load = Files.readAllBytes(g.loadFile());
        byte[] trigger = Files.readAllBytes(g.triggerFile());
        assertThat(h.run(date).status()).isEqualTo(RunStatus.COMPLETED);
        long before = h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ?", date);

        h.drop(g.loadFile().getFileName().toString(), load);
        h.drop(g.triggerFile().getFileName().toString(), trigger);
        RunOutcome again = h.run(date);

        assertThat(again.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(unit(again.runId(), "BCFINSG_CA")).containsEntry("PRCS_STATUS", "SKIPPED_DUPLICATE");
        assertThat(h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ?", date)).isEqualTo(before);
        assertThat(LoaderHarness.files(h.landing())).doesNotContain(g.loadFile().getFileName().toString());
        assertThat(Files.readString(h.reports().resolve("PLAN_BALN_SEGM_MSTR_20261011_LOAD_RPT.csv")))
                .contains(g.loadFile().getFileName() + ",0,0,0,0,0");
    }

    @Test
    void the_same_content_for_another_date_is_loaded_because_its_rows_carry_that_date() throws IOException {
        LocalDate first = day(20);
        LocalDate next = day(21);
        FeedGenerator.Generated g = h.generate("BCFINSG_CA", first, 40, 0);
        byte[] load = Files.readAllBytes(g.loadFile());
        assertThat(h.run(first).status()).isEqualTo(RunStatus.COMPLETED);

        h.drop(h.stream().files().loadName("BCFINSG_CA", next, true), load);
        h.drop(h.stream().files().triggerName("BCFINSG_CA", next), "CTL|" + next.format(DateTimeFormatter.BASIC_ISO_DATE) + "|40\n");
        RunOutcome o = h.run(next);

        assertThat(o.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(unit(o.runId(), "BCFINSG_CA")).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(targetRows(next)).isEqualTo(40);
        assertThat(targetRows(first)).isEqualTo(40);
    }

    @Test
    void content_loaded_before_a_later_resend_is_loaded_again_and_restores_its_rows() {
        LocalDate date = day(22);
        String a = lines(RecordLines.record(h.stream(), "7001").line(), RecordLines.record(h.stream(), "7002").line());
        String b = lines(RecordLines.record(h.stream(), "7003").line());
        dropUnit("BCFINSG_CA", date, a, "");
        assertThat(h.run(date).status()).isEqualTo(RunStatus.COMPLETED);
        dropUnit("BCFINSG_CA", date, b, "");
        assertThat(h.run(date).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(targetRows(date)).isEqualTo(1);

        dropUnit("BCFINSG_CA", date, a, "");
        RunOutcome again = h.run(date);

        assertThat(unit(again.runId(), "BCFINSG_CA")).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(h.rows("SELECT ACCT_I FROM " + TARGET + " WHERE EFFT_D = ? ORDER BY ACCT_I", date))
                .extracting(r -> String.valueOf(r.get("ACCT_I"))).containsExactly("7001", "7002");
    }

    @Test
    void file_names_that_do_not_match_or_carry_impossible_dates_are_never_loaded_and_reported_once() {
        LocalDate date = day(11);
        String impossible = "BCFINSG_CA_20261332.DLY";
        String impossibleLoad = "BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261332_I.txt";
        String stray = "BCFINSG_CA_20261012.DLY.bak";
        String forging = "BCFINSG_CA_20261012.DLY\n2026-12-02 06:00:00.000 INFO  [bcfinsg run=9] RunClose - run 9 ended COMPLETED";
        h.drop(impossible, "");
        h.drop(forging, "");
        h.drop(impossibleLoad, lines(RecordLines.record(h.stream(), "6001").line()));
        h.drop(stray, "");
        h.generate("BCFINSG_CB", date, 10, 0);

        assertThat(h.run(date).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.run(date).status()).isEqualTo(RunStatus.NO_DATA_AVAILABLE);

        assertThat(LoaderHarness.files(h.landing())).contains(impossible, impossibleLoad, stray, forging);
        // a name is shown escaped: one holding a line break could otherwise write a line of its own into the log
        assertThat(h.rows("SELECT MESSAGE_TEXT FROM DCF_T_PRCS_EXEC_LOG WHERE FILE_NAME = ?", forging)).singleElement()
                .satisfies(r -> assertThat((String) r.get("MESSAGE_TEXT")).startsWith("BCFINSG_CA_20261012.DLY\\x0a2026-12-02").doesNotContain("\n"));
        for (String name : List.of(impossible, impossibleLoad, stray, forging)) {
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_PRCS_EXEC_LOG WHERE FILE_NAME = ? AND MESSAGE_TYPE = 'WARN'", name))
                    .as(name).isEqualTo(1);
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE FILE_NAME = ? OR TRIGGER_FILE_NAME = ?", name, name)).isZero();
        }
    }

    @Test
    void a_failed_unit_stops_the_run_and_the_remaining_units_stay_in_landing() {
        LocalDate date = day(12);
        var s = h.stream();
        h.drop(s.files().triggerName("BCFINSG_CA", date), "");                   // CA fails: no load file
        FeedGenerator.Generated cb = h.generate("BCFINSG_CB", date, 20, 0);

        RunOutcome outcome = h.run(date);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.units()).hasSize(1);
        assertThat(LoaderHarness.files(h.landing())).contains(cb.loadFile().getFileName().toString(), cb.triggerFile().getFileName().toString());
        assertThat(h.rows("SELECT FILES_FOUND, FILES_LOADED FROM DCF_T_STRM_INST WHERE STRM_INST_ID = ?", outcome.runId()).get(0))
                .extractingByKeys("FILES_FOUND", "FILES_LOADED").map(v -> ((Number) v).intValue()).containsExactly(2, 0);

        RunOutcome rerun = h.run(date);
        assertThat(rerun.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(targetRows(date)).isEqualTo(20);
    }

    @Test
    void a_gzip_load_file_streams_and_a_truncated_one_fails_into_the_error_directory() throws IOException {
        LocalDate date = day(13);
        var s = h.stream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < 200; i++) {
                gz.write((RecordLines.record(s, "70" + String.format("%03d", i)).line() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] whole = bytes.toByteArray();
        h.drop(s.files().loadName("BCFINSG_CA", date, true), whole);
        h.drop(s.files().triggerName("BCFINSG_CA", date), ctl(date, 200));
        h.drop(s.files().loadName("BCFINSG_CB", date, true), java.util.Arrays.copyOf(whole, whole.length / 2));
        h.drop(s.files().triggerName("BCFINSG_CB", date), "");

        RunOutcome outcome = h.run(date);

        assertThat(unit(outcome.runId(), "BCFINSG_CA")).containsEntry("PRCS_STATUS", "COMPLETED");
        Map<String, Object> cb = unit(outcome.runId(), "BCFINSG_CB");
        assertThat(cb).containsEntry("PRCS_STATUS", "FAILED");
        assertThat((String) cb.get("ERROR_MESSAGE")).contains(s.files().loadName("BCFINSG_CB", date, true)).contains("truncated");
        assertThat(targetRows(date)).isEqualTo(200);
        assertThat(LoaderHarness.files(h.error())).contains(s.files().loadName("BCFINSG_CB", date, true));
    }

    @Test
    void rejects_of_a_quality_failure_are_kept_for_the_unit() {
        LocalDate date = day(14);
        var s = h.stream();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(RecordLines.record(s, "80" + i).line() + (i < 4 ? "|x" : ""));
        }
        dropUnit("BCFINSG_CA", date, lines(records.toArray(String[]::new)), "");

        RunOutcome outcome = h.run(date);

        Map<String, Object> u = unit(outcome.runId(), "BCFINSG_CA");
        assertThat(u).containsEntry("PRCS_STATUS", "QUALITY_ISSUES");
        assertThat(h.number("SELECT COUNT(*) FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = ? AND CONV_MAP_RULE_M = ?",
                u.get("PRCS_INST_ID"), RejectReason.FIELD_COUNT.name())).isEqualTo(4);
    }
}
