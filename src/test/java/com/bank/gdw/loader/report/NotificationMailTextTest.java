package com.bank.gdw.loader.report;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.dcf.Outbox;
import com.bank.gdw.loader.stream.ReportNaming;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/** What a notification's mail says, made from the stored notification alone. */
class NotificationMailTextTest {

    private static final StreamDefinition BCFINSG = StreamCatalog.load(Path.of("config/streams"), v -> v).get("bcfinsg");

    private static Outbox.Notification notification(Outbox.Type type, String content) {
        return new Outbox.Notification(7, type, 1490, "BCFINSG_PLAN_BALN_SEGM_LOAD", 3L, content, 1, "/data/reports/x.csv");
    }

    @Test
    void a_report_mail_has_the_stream_subject_a_readable_text_and_the_stored_csv_under_the_report_file_name() {
        String csv = LoadReport.CSV_HEADER + "\nBCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261126_I.txt.gz,10,1,0,9,1\n";
        RunSummary summary = new RunSummary("BCFINSG_PLAN_BALN_SEGM_LOAD", 1490, "2026-11-26", "B-1", 3, "COMPLETED", "FILE",
                new RunSummary.LoadSummary(1, 1, 10, 9, 1, 0, 1, List.of(new RunSummary.UnitLine(
                        "BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261126_I.txt.gz", "BCFINSG_CA", 5, "COMPLETED", 10, 1, 0, 9, 1, 91.5, 0, "HIGH", null))),
                new RunSummary.QualityMetrics(91.5, 0, 8, 1, 1), new RunSummary.PerformanceMetrics(1.5, 400, 6), null,
                "/data/reports/PLAN_BALN_SEGM_MSTR_20261126_LOAD_RPT.csv", csv);

        NotificationMail mail = NotificationMail.of(notification(Outbox.Type.LOAD_COMPLETION_REPORT, LoadReport.toJson(summary)), BCFINSG);

        assertThat(mail.subject()).isEqualTo("BCFINSG: Report Files For PLAN_BALN_SEGM_MSTR");
        assertThat(mail.attachmentName()).isEqualTo("PLAN_BALN_SEGM_MSTR_20261126_LOAD_RPT.csv");
        assertThat(mail.attachmentCsv()).isEqualTo(csv);
        assertThat(mail.text()).contains("BCFINSG_PLAN_BALN_SEGM_LOAD: the load of business date 2026-11-26 ended COMPLETED.",
                "Run 3, batch B-1, trigger FILE, 1.5 s.", "Rows: 10 read, 9 written, 1 rejected, 0 duplicates.",
                "records high 8, medium 1, low 1", "BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261126_I.txt.gz  COMPLETED  read 10, written 9",
                "The load report is attached: PLAN_BALN_SEGM_MSTR_20261126_LOAD_RPT.csv").doesNotContain("Error:");
    }

    @Test
    void the_notice_recovery_writes_for_an_abandoned_run_is_a_failure_mail_with_its_error_and_units() {
        // the shape dcf/Recovery writes when it finds a run whose instance died
        String content = "{\"stream_name\":\"BCFINSG_PLAN_BALN_SEGM_LOAD\",\"stream_id\":1490,\"processing_date\":\"2026-11-26\","
                + "\"batch_id\":\"B-2\",\"run_id\":4,\"status\":\"ABANDONED\",\"error\":\"the instance running it (host-a) ended during the run\","
                + "\"units\":[{\"file_name\":\"BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261126_I.txt.gz\",\"unit\":\"BCFINSG_CA\",\"process_id\":9,\"status\":\"ABANDONED\"}]}";

        NotificationMail mail = NotificationMail.of(notification(Outbox.Type.LOAD_FAILURE, content), BCFINSG);

        assertThat(mail.subject()).isEqualTo("BCFINSG: load FAILED for 20261126");
        assertThat(mail.hasAttachment()).isFalse();
        assertThat(mail.text()).contains("ended ABANDONED.", "Error: the instance running it (host-a) ended during the run",
                "Run 4, batch B-2.", "BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261126_I.txt.gz  ABANDONED").doesNotContain("null");
    }

    @Test
    void a_stream_without_a_failure_subject_gets_one_made_of_its_code_and_the_date() {
        ReportNaming naming = new ReportNaming("R_{date}.csv", "R_{date}.json", "MINI: report {date}", null);

        assertThat(naming.failureSubject("minifeed", java.time.LocalDate.of(2026, 11, 3))).isEqualTo("MINIFEED: load FAILED for 20261103");
        assertThat(naming.reportSubject(java.time.LocalDate.of(2026, 11, 3))).isEqualTo("MINI: report 20261103");
    }
    @Test
    void a_late_feed_alert_names_the_date_the_missing_units_and_since_when_they_are_due() {
        String content = "{\"stream\":\"bcfinsg\",\"streamName\":\"BCFINSG_PLAN_BALN_SEGM_LOAD\",\"businessDate\":\"2026-06-01\","
                + "\"dueAt\":\"2026-06-02T06:00+02:00\",\"zone\":\"Europe/Zurich\",\"missingUnits\":[\"BCFINSG_CB\"],"
                + "\"expectedUnits\":[\"BCFINSG_CA\",\"BCFINSG_CB\"]}";

        NotificationMail mail = NotificationMail.of(new Outbox.Notification(9, Outbox.Type.LATE_FEED, 1490,
                "BCFINSG_PLAN_BALN_SEGM_LOAD", null, content, 1, null), BCFINSG);

        assertThat(mail.subject()).isEqualTo("BCFINSG: feed LATE for 2026-06-01: BCFINSG_CB missing");
        assertThat(mail.text()).contains("business date 2026-06-01 were due by 2026-06-02T06:00+02:00 (Europe/Zurich)",
                "Missing since then (neither arrived in landing nor loaded): BCFINSG_CB", "Expected units: BCFINSG_CA, BCFINSG_CB");
        assertThat(mail.hasAttachment()).isFalse();
    }
}
