package com.bank.gdw.loader.it;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.Outbox;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.mail.OutboxDelivery;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.testkit.SmtpCatcher;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The notification outbox mailed over SMTP: reports with their CSV, failure notices, retries through an outage, giving up. */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class NotificationMailTest {

    private static final String REPORT_SUBJECT = "BCFINSG: Report Files For PLAN_BALN_SEGM_MSTR";
    private static final int MAX_ATTEMPTS = 3;
    private static final long MAX_ATTACHMENT_BYTES = 4000;

    private static SmtpCatcher smtp;
    private static LoaderHarness h;

    NotificationMailTest(TestDatabase database) {
        // the database is chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        smtp = SmtpCatcher.smtp().up();
        h = LoaderHarness.start("notification-mail-" + database, LoaderHarness.options().database(database, "notification_mail")
                .property("loader.outbox.enabled", "true")
                .property("loader.outbox.poll-ms", "200")
                .property("loader.outbox.max-attempts", String.valueOf(MAX_ATTEMPTS))
                .property("loader.outbox.backoff-initial-seconds", "2")
                .property("loader.outbox.backoff-multiplier", "2")
                .property("loader.smtp.host", "127.0.0.1")
                .property("loader.smtp.port", String.valueOf(smtp.port()))
                .property("loader.smtp.timeout-ms", "5000")
                .property("loader.mail.from", "gdw-loader@bank.test")
                .property("loader.mail.report-to", "gdw-reports@bank.test")
                .property("loader.mail.failure-to", "gdw-ops@bank.test")
                .property("loader.mail.max-attachment-bytes", String.valueOf(MAX_ATTACHMENT_BYTES))
                // per stream recipients win over the defaults
                .property("loader.mail.bcfinsg.failure-to", "bcfinsg-ops@bank.test, oncall@bank.test"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        h.close();
        smtp.close();
    }

    @BeforeEach
    void smtpIsUp() {
        smtp.up();
    }

    @AfterEach
    void invariantsHold() {
        DcfInvariants.assertHold(h);
    }

    private static String csvName(LocalDate date) {
        return "PLAN_BALN_SEGM_MSTR_" + date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "_LOAD_RPT.csv";
    }

    private static Map<String, Object> notification(long runId) {
        List<Map<String, Object>> rows = h.rows("SELECT * FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ?", runId);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** Generates one clean unit of the date and runs the date, which must complete. */
    private static RunOutcome loadCompleted(String unit, LocalDate date, int rows) {
        h.generate(unit, date, rows, 0);
        RunOutcome run = h.run(date);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }

    private static long attempts(Map<String, Object> row) {
        return ((Number) row.get("ATTEMPTS")).longValue();
    }

    private static String fileName(java.nio.file.Path p) {
        return p.getFileName().toString();
    }

    @Test
    void a_completed_run_mails_its_report_with_the_stream_subject_and_the_csv_attached() throws Exception {
        LocalDate date = LocalDate.of(2026, 5, 4);
        FeedGenerator.Generated ca = h.generate("BCFINSG_CA", date, 120, 0);
        FeedGenerator.Generated cb = h.generate("BCFINSG_CB", date, 80, 0);

        RunOutcome run = h.run(date);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        await().atMost(30, TimeUnit.SECONDS).until(() -> smtp.mailsWithAttachment(csvName(date)).size() == 1);
        SmtpCatcher.Mail mail = smtp.mailsWithAttachment(csvName(date)).get(0);
        assertThat(mail.subject()).isEqualTo(REPORT_SUBJECT);
        assertThat(mail.from()).isEqualTo("gdw-loader@bank.test");
        assertThat(mail.to()).containsExactly("gdw-reports@bank.test");
        String csv = mail.attachment(csvName(date));
        assertThat(csv.lines().findFirst()).contains("FileName,InputRows,InputRowsRejected,DuplicateRows,RowsWritten,TotalRowsRejected");
        assertThat(csv).isEqualTo(LoadReport.CSV_HEADER + "\n" + fileName(ca.loadFile()) + ",120,0,0,120,0\n"
                + fileName(cb.loadFile()) + ",80,0,0,80,0\n");
        assertThat(csv).isEqualTo(Files.readString(h.reports().resolve(csvName(date))));
        assertThat(mail.text()).contains("ended COMPLETED", "Rows: 200 read, 200 written, 0 rejected, 0 duplicates",
                fileName(ca.loadFile()), "The load report is attached: " + csvName(date));
        await().atMost(10, TimeUnit.SECONDS).until(() -> "SENT".equals(notification(run.runId()).get("NOTIFICATION_STATUS")));
        Map<String, Object> row = notification(run.runId());
        assertThat(row).containsEntry("NOTIFICATION_TYPE", "LOAD_COMPLETION_REPORT");
        assertThat(attempts(row)).isEqualTo(1);
        assertThat(row.get("SENT_TS")).isNotNull();
        assertThat(row.get("LAST_ERROR")).isNull();
    }

    @Test
    void a_failed_run_mails_a_failure_notice_with_the_error_to_the_streams_recipients() {
        LocalDate date = LocalDate.of(2026, 5, 5);
        h.drop(h.stream().files().triggerName("BCFINSG_CA", date), "");

        RunOutcome run = h.run(date);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        String subject = "BCFINSG: load FAILED for 20260505";
        await().atMost(30, TimeUnit.SECONDS).until(() -> smtp.mails().stream().anyMatch(m -> m.subject().equals(subject)));
        SmtpCatcher.Mail mail = smtp.mails().stream().filter(m -> m.subject().equals(subject)).findFirst().orElseThrow();
        assertThat(mail.to()).containsExactly("bcfinsg-ops@bank.test", "oncall@bank.test");
        assertThat(mail.text()).contains("ended FAILED", "Error: ", "load file missing");
        await().atMost(10, TimeUnit.SECONDS).until(() -> "SENT".equals(notification(run.runId()).get("NOTIFICATION_STATUS")));
        assertThat(notification(run.runId())).containsEntry("NOTIFICATION_TYPE", "LOAD_FAILURE");
    }

    @Test
    void with_smtp_down_loads_complete_and_their_reports_are_sent_unchanged_once_smtp_is_back() {
        smtp.down();
        LocalDate date = LocalDate.of(2026, 5, 6);
        FeedGenerator.Generated ca = h.generate("BCFINSG_CA", date, 30, 0);

        RunOutcome first = h.run(date);

        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", date)).isEqualTo(30);
        await().atMost(20, TimeUnit.SECONDS).until(() -> attempts(notification(first.runId())) > 0
                && notification(first.runId()).get("LAST_ERROR") != null);
        Map<String, Object> waiting = notification(first.runId());
        assertThat(waiting).containsEntry("NOTIFICATION_STATUS", "PENDING");
        assertThat((String) waiting.get("LAST_ERROR")).containsIgnoringCase("connect");
        assertThat(waiting.get("NEXT_ATTEMPT_TS")).isNotNull();
        // a second run of the date rewrites the report file before the first run's mail goes out
        FeedGenerator.Generated cb = h.generate("BCFINSG_CB", date, 20, 0);
        RunOutcome second = h.run(date);
        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);

        smtp.up();

        await().atMost(30, TimeUnit.SECONDS).until(() -> smtp.mailsWithAttachment(csvName(date)).size() == 2);
        List<String> attached = smtp.mailsWithAttachment(csvName(date)).stream().map(m -> m.attachment(csvName(date))).toList();
        assertThat(attached).containsExactlyInAnyOrder(
                LoadReport.CSV_HEADER + "\n" + fileName(ca.loadFile()) + ",30,0,0,30,0\n",
                LoadReport.CSV_HEADER + "\n" + fileName(cb.loadFile()) + ",20,0,0,20,0\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> "SENT".equals(notification(first.runId()).get("NOTIFICATION_STATUS"))
                && "SENT".equals(notification(second.runId()).get("NOTIFICATION_STATUS")));
        assertThat(attempts(notification(first.runId()))).isGreaterThan(1);
    }

    @Test
    void a_mail_server_that_hangs_delays_no_load_and_the_report_goes_out_once_it_answers() {
        smtp.hang();
        LocalDate date = LocalDate.of(2026, 5, 8);
        RunOutcome first = loadCompleted("BCFINSG_CA", date, 25);
        // the outbox is stuck in its first attempt on the silent server (5 s timeout) while more loads run at full speed
        await().atMost(10, TimeUnit.SECONDS).until(() -> h.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ? "
                + "AND ATTEMPTS = 1 AND LAST_ERROR IS NULL AND NOTIFICATION_STATUS = 'PENDING'", first.runId()) == 1);
        // each run ends sooner than the mail timeout: none waits for the silent server (a run that did would take 5 s)
        for (String unit : List.of("BCFINSG_CB", "BCFINSG_CC")) {
            long started = System.nanoTime();
            loadCompleted(unit, date, 25);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a run of %s while the mail server hangs", unit)
                    .isLessThan(Duration.ofSeconds(5));
        }
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", date)).isEqualTo(75);

        await().atMost(20, TimeUnit.SECONDS).until(() -> notification(first.runId()).get("LAST_ERROR") != null);
        assertThat((String) notification(first.runId()).get("LAST_ERROR")).containsIgnoringCase("timed out");
        smtp.up();
        await().atMost(30, TimeUnit.SECONDS).until(() -> "SENT".equals(notification(first.runId()).get("NOTIFICATION_STATUS")));
    }

    @Test
    void a_notification_that_cannot_be_sent_is_failed_after_the_last_attempt() {
        smtp.down();
        RunOutcome run = loadCompleted("BCFINSG_CA", LocalDate.of(2026, 5, 7), 10);

        await().atMost(60, TimeUnit.SECONDS).until(() -> "FAILED".equals(notification(run.runId()).get("NOTIFICATION_STATUS")));
        Map<String, Object> row = notification(run.runId());
        assertThat(attempts(row)).isEqualTo(MAX_ATTEMPTS);
        assertThat((String) row.get("LAST_ERROR")).isNotBlank();
        assertThat(row.get("SENT_TS")).isNull();
        assertThat(row.get("NEXT_ATTEMPT_TS")).isNull();
    }

    @Test
    void of_two_deliverers_claiming_the_same_due_notification_only_one_gets_it() throws Exception {
        h.database().assumeNoEmulatorGap("concurrent writers");
        h.context().getRouteController().stopRoute("outbox-delivery");
        try {
            LocalDate date = LocalDate.of(2026, 5, 8);
            h.generate("BCFINSG_CA", date, 10, 0);
            long id = ((Number) notification(h.run(date).runId()).get("NOTIFICATION_ID")).longValue();
            OutboxDelivery delivery = h.context().getRegistry().lookupByNameAndType("outboxDelivery", OutboxDelivery.class);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 10; round++) {
                    h.execute("UPDATE DCF_T_NOTIFICATIONS SET NEXT_ATTEMPT_TS = ? WHERE NOTIFICATION_ID = ?",
                            java.sql.Timestamp.valueOf(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1)), id);
                    CyclicBarrier together = new CyclicBarrier(2);
                    Callable<Outbox.Notification> claim = () -> {
                        together.await();
                        try {
                            return delivery.claim(id);
                        } catch (RuntimeException conflict) {
                            return null;    // DuckDB reports a write-write conflict instead of waiting: the loser
                        }
                    };
                    List<Future<Outbox.Notification>> claims = new ArrayList<>(List.of(pool.submit(claim), pool.submit(claim)));
                    long winners = 0;
                    for (Future<Outbox.Notification> f : claims) {
                        winners += f.get(30, TimeUnit.SECONDS) != null ? 1 : 0;
                    }
                    assertThat(winners).as("claims won in round %d", round).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(attempts(h.rows("SELECT ATTEMPTS FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_ID = ?", id).get(0))).isEqualTo(10);
            // a claimed row is not due again until its claim expires
            assertThat(delivery.claim(id)).isNull();
        } finally {
            h.context().getRouteController().startRoute("outbox-delivery");
        }
    }

    /**
     * Each unit with rejects gets a reject file beside the report: the rows of UTIL_TRSF_EROR_RQM3 in line order with
     * the raw record of that line; the report mail attaches it while it is under loader.mail.max-attachment-bytes and
     * names it by path otherwise.
     */
    @Test
    void reject_files_list_the_reject_table_with_raw_records_and_travel_with_the_mail_while_small() throws Exception {
        LocalDate date = LocalDate.of(2026, 5, 20);
        FeedGenerator.Generated few = h.generate("BCFINSG_CA", date, 40, 0.05);
        FeedGenerator.Generated many = h.generate("BCFINSG_CB", date, 3000, 0.05);

        RunOutcome run = h.run(date);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        String smallName = "PLAN_BALN_SEGM_MSTR_20260520_BCFINSG_CA_REJECTS.csv";
        String largeName = "PLAN_BALN_SEGM_MSTR_20260520_BCFINSG_CB_REJECTS.csv";
        for (var unit : run.units()) {
            String name = "PLAN_BALN_SEGM_MSTR_20260520_" + unit.unit().unit() + "_REJECTS.csv";
            java.nio.file.Path archived = h.archiveLoad().resolve(unit.fileName());
            assertThat(Files.readString(h.reports().resolve(name)))
                    .isEqualTo(expectedRejectFile(unit.processId(), archived));
        }
        assertThat(Files.size(h.reports().resolve(smallName))).isLessThanOrEqualTo(MAX_ATTACHMENT_BYTES);
        assertThat(Files.size(h.reports().resolve(largeName))).isGreaterThan(MAX_ATTACHMENT_BYTES);
        await().atMost(30, TimeUnit.SECONDS).until(() -> smtp.mailsWithAttachment(csvName(date)).size() == 1);
        SmtpCatcher.Mail mail = smtp.mailsWithAttachment(csvName(date)).get(0);
        assertThat(mail.attachments()).containsOnlyKeys(csvName(date), smallName);
        assertThat(mail.attachment(smallName)).isEqualTo(Files.readString(h.reports().resolve(smallName)));
        assertThat(mail.text()).contains("attached: " + smallName, "on the loader host: " + h.reports().resolve(largeName));
        assertThat(few.rows() + many.rows()).isEqualTo(3040);
    }

    /** The reject file as the reject table says it must be: header, then line, reason, column, value, raw record. */
    private static String expectedRejectFile(long processId, java.nio.file.Path loadFile) throws java.io.IOException {
        List<Map<String, Object>> rows = h.rows("SELECT LINE_NUMBER, CONV_MAP_RULE_M, TRSF_COLM_M, VALU_CHNG_BFOR_X "
                + "FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = ? ORDER BY LINE_NUMBER, EROR_ID", processId);
        assertThat(rows).isNotEmpty();
        byte[] bytes = Files.readAllBytes(loadFile);
        if (loadFile.toString().endsWith(".gz")) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        String[] lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\r?\n", -1);
        StringBuilder sb = new StringBuilder("line,reason,column,value,raw_record\n");
        for (Map<String, Object> r : rows) {
            long line = ((Number) r.get("LINE_NUMBER")).longValue();
            sb.append(line).append(',').append(quoted(r.get("CONV_MAP_RULE_M"))).append(',').append(quoted(r.get("TRSF_COLM_M")))
                    .append(',').append(quoted(r.get("VALU_CHNG_BFOR_X"))).append(',').append(quoted(lines[(int) line - 1]))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String quoted(Object value) {
        String s = value == null ? "" : value.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
