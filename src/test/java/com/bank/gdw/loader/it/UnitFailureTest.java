package com.bank.gdw.loader.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.testkit.RecordLines;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A unit that cannot load never blocks its stream: control bytes are rejected by the parser alike on every database;
 * a value the database refuses all the same, too many rejects or too many bytes fail the unit as a problem of its
 * file (files to error/); an infrastructure failure on the same bytes is retried at most loader.unit.max-attempts times.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class UnitFailureTest extends ScenarioTest {

    private static final String TARGET = "PLAN_BALN_SEGM_MSTR";
    private static TestDatabase db;

    UnitFailureTest(TestDatabase database) {
        // chosen per class invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        db = database;
        h = LoaderHarness.start("unit-failure-" + database, LoaderHarness.options().database(database, "unit_failure")
                .property("loader.unit.max-rejects", "5").property("loader.unit.max-bytes", "100000"));
    }

    private static LocalDate day(int n) {
        return LocalDate.of(2026, 7, 1).plusDays(n);
    }

    private static String record(String account) {
        return RecordLines.record(h.stream(), account).line();
    }

    /** n valid records (enough that one reject keeps the unit above the quality minimum). */
    private static String good(String prefix, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(record(prefix + String.format("%02d", i))).append('\n');
        }
        return sb.toString();
    }

    private static void dropUnit(LocalDate d, String records, long count) {
        h.drop(h.stream().files().loadName("BCFINSG_CA", d, false), records);
        h.drop(h.stream().files().triggerName("BCFINSG_CA", d), "CTL|" + d.format(DateTimeFormatter.BASIC_ISO_DATE) + "|" + count + "\n");
    }

    private Map<String, Object> unit(RunOutcome o) {
        return h.rows("SELECT * FROM DCF_T_PRCS_INST WHERE STRM_INST_ID = ? AND PRCS_NAME = ?", o.runId(), "BCFINSG_CA").get(0);
    }

    @Test
    void a_nul_byte_in_a_text_field_is_an_invalid_value_reject_stored_escaped_and_the_rest_loads() {
        // given mainframe low-values in STOR_IDNN of the second of three records
        LocalDate d = day(1);
        String nul = RecordLines.record(h.stream(), "1002").with("STOR_IDNN", "AB\u0000\u0000CD").line();
        dropUnit(d, record("1001") + "\n" + nul + "\n" + good("11", 9), 11);

        // when the run loads the unit
        RunOutcome o = h.run(d);

        // then the record is rejected with its column and the value escaped, the others are loaded and archived
        assertThat(o.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(unit(o)).containsEntry("PRCS_STATUS", "COMPLETED");
        assertThat(h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ?", d)).isEqualTo(10);
        Map<String, Object> reject = h.rows("SELECT * FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = ?", unit(o).get("PRCS_INST_ID")).get(0);
        assertThat(reject).containsEntry("CONV_MAP_RULE_M", "INVALID_VALUE").containsEntry("TRSF_COLM_M", "STOR_IDNN")
                .containsEntry("VALU_CHNG_BFOR_X", "AB\\x00\\x00CD");
        assertThat(((Number) reject.get("LINE_NUMBER")).longValue()).isEqualTo(2);
        assertThat(LoaderHarness.files(h.archiveLoad())).contains(h.stream().files().loadName("BCFINSG_CA", d, false));
        assertThat(LoaderHarness.files(h.landing())).isEmpty();
    }

    @Test
    void a_control_byte_in_a_record_that_is_rejected_whole_is_stored_escaped_too() {
        // given a record with a control byte and one field too many (rejected whole, the raw line kept)
        LocalDate d = day(2);
        String bad = RecordLines.record(h.stream(), "2002").with("STOR_IDNN", "X\u0001Y").line() + "|";
        dropUnit(d, record("2001") + "\n" + bad + "\n" + good("21", 9), 11);

        RunOutcome o = h.run(d);

        assertThat(o.status()).isEqualTo(RunStatus.COMPLETED);
        Map<String, Object> reject = h.rows("SELECT * FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = ?", unit(o).get("PRCS_INST_ID")).get(0);
        assertThat(reject).containsEntry("CONV_MAP_RULE_M", "FIELD_COUNT");
        assertThat((String) reject.get("VALU_CHNG_BFOR_X")).contains("X\\x01Y").doesNotContain("\u0001");
    }

    @Test
    void a_value_the_database_refuses_fails_the_unit_naming_the_file_and_sends_its_files_to_error() {
        // given a target column narrower than the stream's layout (a DBA changed it), and a record that does not fit
        LocalDate d = day(3);
        h.execute("ALTER TABLE " + TARGET + " ALTER COLUMN ORIG_BALN TYPE DECIMAL(5,2)");
        try {
            String big = RecordLines.record(h.stream(), "3003").with("ORIG_BALN", "1234567.25").line();
            // a rejected record before it: the COPY's row 2 is the file's line 3
            String rejected = RecordLines.record(h.stream(), "3002").with("ORIG_BALN", "abc").line();
            dropUnit(d, record("3001") + "\n" + rejected + "\n" + big + "\n" + good("31", 9), 12);

            // when the run loads the unit
            RunOutcome o = h.run(d);

            // then the unit fails as a problem of its file, nothing is written, and its files leave landing for error/
            assertThat(o.status()).isEqualTo(RunStatus.FAILED);
            Map<String, Object> u = unit(o);
            assertThat(u).containsEntry("PRCS_STATUS", "FAILED");
            String load = h.stream().files().loadName("BCFINSG_CA", d, false);
            assertThat((String) u.get("ERROR_MESSAGE")).contains(load).contains("the database refused a value");
            if (db == TestDatabase.POSTGRESQL) {
                // PostgreSQL names the row of the COPY and the column; DuckDB names neither
                assertThat((String) u.get("ERROR_MESSAGE")).contains(load + " line 3 column ORIG_BALN: ");
            }
            assertThat(h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ?", d)).isZero();
            assertThat(LoaderHarness.files(h.error())).contains(load, h.stream().files().triggerName("BCFINSG_CA", d));
            assertThat(LoaderHarness.files(h.landing())).isEmpty();
        } finally {
            h.execute("ALTER TABLE " + TARGET + " ALTER COLUMN ORIG_BALN TYPE DECIMAL(13,2)");
        }
    }

    @Test
    void a_unit_the_infrastructure_fails_on_the_same_bytes_is_retried_up_to_the_cap_then_goes_to_error_with_one_notice() {
        // given a target table that is not there (every attempt fails the same way, and it is not the file's fault)
        LocalDate d = day(4);
        String load = h.stream().files().loadName("BCFINSG_CA", d, false);
        String trigger = h.stream().files().triggerName("BCFINSG_CA", d);
        dropUnit(d, good("41", 5), 5);
        h.execute("ALTER TABLE " + TARGET + " RENAME TO PLAN_BALN_SEGM_MSTR_AWAY");
        try {
            // when three runs try it
            RunOutcome first = h.run(d);
            RunOutcome second = h.run(d);
            // then the first two leave the files in landing for the next run
            assertThat(first.status()).isEqualTo(RunStatus.FAILED);
            assertThat(second.status()).isEqualTo(RunStatus.FAILED);
            assertThat(LoaderHarness.files(h.landing())).contains(load, trigger);
            assertThat((String) unit(second).get("ERROR_MESSAGE")).doesNotContain("max-attempts");

            RunOutcome third = h.run(d);

            // and the third, the cap, sends them to error/ and says so
            assertThat(third.status()).isEqualTo(RunStatus.FAILED);
            assertThat((String) unit(third).get("ERROR_MESSAGE")).contains("failed 3 times on the same bytes")
                    .contains("loader.unit.max-attempts = 3");
            assertThat(LoaderHarness.files(h.landing())).doesNotContain(load, trigger);
            assertThat(LoaderHarness.files(h.error())).contains(load, trigger);
            RunOutcome fourth = h.run(d);
            assertThat(fourth.status()).isEqualTo(RunStatus.NO_DATA_AVAILABLE);
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_TYPE = 'LOAD_FAILURE' "
                    + "AND STRM_INST_ID IN (?, ?, ?, ?)", first.runId(), second.runId(), third.runId(), fourth.runId())).isEqualTo(3);
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_CONTENT LIKE '%max-attempts%' "
                    + "AND STRM_INST_ID IN (?, ?, ?, ?)", first.runId(), second.runId(), third.runId(), fourth.runId())).isEqualTo(1);
        } finally {
            h.execute("ALTER TABLE PLAN_BALN_SEGM_MSTR_AWAY RENAME TO " + TARGET);
        }
    }

    /**
     * Files that cannot even be claimed (here landing moved to another file system under the running loader, so the
     * claim's rename fails) cannot go to error/ either: each run says they stay in landing, never that they go to the
     * error directory, and the cap does not pretend otherwise.
     */
    @Test
    void a_unit_whose_files_cannot_be_claimed_says_they_stay_in_landing_and_is_never_said_to_go_to_error() throws Exception {
        Path elsewhere = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(elsewhere) && !Files.getFileStore(elsewhere).equals(Files.getFileStore(h.landing()))).isTrue();
        LocalDate d = day(7);
        Path landing = h.landing();
        Path otherFileSystem = Files.createTempDirectory(elsewhere, "gdw-landing-");
        Path kept = landing.resolveSibling("landing.kept");
        Files.move(landing, kept);
        Files.createSymbolicLink(landing, otherFileSystem);
        try {
            dropUnit(d, good("71", 5), 5);

            for (int attempt = 1; attempt <= 4; attempt++) {
                RunOutcome o = h.run(d);

                assertThat(o.status()).as("attempt %d", attempt).isEqualTo(RunStatus.FAILED);
                assertThat((String) unit(o).get("ERROR_MESSAGE")).as("attempt %d", attempt)
                        .endsWith("; none of the unit's files could be claimed, so they stay in landing and the next run tries them again")
                        .doesNotContain("error directory");
            }
            assertThat(LoaderHarness.files(landing)).contains(h.stream().files().loadName("BCFINSG_CA", d, false),
                    h.stream().files().triggerName("BCFINSG_CA", d));
        } finally {
            // landing back on its file system, with the unit's files, untouched all along
            Files.delete(landing);
            Files.move(kept, landing);
            try (var files = Files.list(otherFileSystem)) {
                for (Path f : files.toList()) {
                    Files.move(f, landing.resolve(f.getFileName()));
                }
            }
            Files.delete(otherFileSystem);
        }
        // and once landing is right again, the next run loads the unit
        assertThat(h.run(d).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ?", d)).isEqualTo(5);
    }

    @Test
    void past_the_reject_cap_the_unit_stops_reading_fails_and_goes_to_error() {
        // given a file with more rejected records than loader.unit.max-rejects (5 in this test)
        LocalDate d = day(5);
        StringBuilder records = new StringBuilder(good("51", 20));
        for (int i = 0; i < 8; i++) {
            records.append(RecordLines.record(h.stream(), "52" + String.format("%02d", i)).with("ORIG_BALN", "abc").line()).append('\n');
        }
        dropUnit(d, records.toString(), 28);

        RunOutcome o = h.run(d);

        assertThat(o.status()).isEqualTo(RunStatus.FAILED);
        String load = h.stream().files().loadName("BCFINSG_CA", d, false);
        assertThat((String) unit(o).get("ERROR_MESSAGE")).isEqualTo(load + " line 26: more than 5 records rejected "
                + "(loader.unit.max-rejects); the unit stops reading");
        assertThat(h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ?", d)).isZero();
        assertThat(LoaderHarness.files(h.error())).contains(load, h.stream().files().triggerName("BCFINSG_CA", d));
    }

    @Test
    void past_the_byte_cap_a_gzip_bomb_stops_reading_fails_and_goes_to_error() throws java.io.IOException {
        // given a gzip file of a few kilobytes that expands past loader.unit.max-bytes (100,000 in this test)
        LocalDate d = day(6);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            byte[] line = (record("6001") + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < 2000; i++) {
                gz.write(line);
            }
        }
        String load = h.stream().files().loadName("BCFINSG_CA", d, true);
        h.drop(load, bytes.toByteArray());
        h.drop(h.stream().files().triggerName("BCFINSG_CA", d), "");

        RunOutcome o = h.run(d);

        assertThat(o.status()).isEqualTo(RunStatus.FAILED);
        assertThat((String) unit(o).get("ERROR_MESSAGE")).isEqualTo(load + ": more than 100000 bytes once decompressed "
                + "(loader.unit.max-bytes); the unit stops reading");
        assertThat(h.number("SELECT COUNT(*) FROM " + TARGET + " WHERE EFFT_D = ?", d)).isZero();
        assertThat(LoaderHarness.files(h.error())).contains(load, h.stream().files().triggerName("BCFINSG_CA", d));
    }
}
