package com.bank.gdw.loader.it;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.SmtpCatcher;
import com.bank.gdw.loader.testkit.StreamFolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The late-feeds route as configured: a stream whose YAML declares due: is checked on the Quartz schedule of
 * loader.late-feeds.cron with the real clock. Due by 00:00 UTC the same day, every day a business day: the latest
 * due date (today) has no files here, so it is alerted once, however often the schedule fires.
 */
class LateFeedScheduleTest {

    private static LoaderHarness h;
    private static SmtpCatcher smtp;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of("target", "it", "late-feed-schedule-streams").toAbsolutePath();
        LoaderHarness.deleteTree(root);
        Path streams = StreamFolder.packagedStreamWithDue(root, """
                due:
                  units: [BCFINSG_CA, BCFINSG_CB]
                  by: "00:00"
                  zone: UTC
                  dayOffset: 0
                  businessDays: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY]
                """).getParent();
        smtp = SmtpCatcher.smtp().up();
        h = LoaderHarness.start("late-feed-schedule", LoaderHarness.options()
                .property("loader.outbox.enabled", "true")
                .property("loader.outbox.poll-ms", "300")
                .property("loader.smtp.host", "127.0.0.1")
                .property("loader.smtp.port", String.valueOf(smtp.port()))
                .property("loader.mail.from", "gdw-loader@bank.test")
                .property("loader.mail.report-to", "gdw-reports@bank.test")
                .property("loader.mail.failure-to", "gdw-ops@bank.test")
                .property("loader.streams-dir", streams.toString())
                .property("loader.late-feeds.enabled", "true")
                .property("loader.late-feeds.cron", "0/1 * * * * ?"));
    }

    @AfterAll
    static void stop() {
        h.close();
        smtp.close();
    }

    @Test
    void the_schedule_checks_the_declared_stream_and_alerts_a_late_date_once_by_mail_to_the_failure_recipients() throws Exception {
        // given the loader runs with the schedule firing every second

        // when it has fired a few times
        await().atMost(20, TimeUnit.SECONDS).until(() -> h.number("SELECT COUNT(*) FROM DCF_T_FEED_LATE WHERE ALERT_TS IS NOT NULL") == 1);
        Thread.sleep(2500);

        // then today's date was alerted once, with one LATE_FEED notification and one exec log row
        assertThat(h.context().getRoute("late-feeds")).isNotNull();
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_TYPE = 'LATE_FEED'")).isEqualTo(1);
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_PRCS_EXEC_LOG WHERE MESSAGE_TEXT LIKE 'LATE_FEED: business date %'"))
                .isEqualTo(1);
        io.micrometer.core.instrument.MeterRegistry meters = h.context().getRegistry()
                .lookupByNameAndType("metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class);
        assertThat(meters).as("the registry Prometheus scrapes").isNotNull();
        assertThat(meters.get("loader.feed.late").tag("stream", "bcfinsg").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("loader.late.feeds").tag("stream", "bcfinsg").counter().count()).isEqualTo(1.0);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        await().atMost(20, TimeUnit.SECONDS).until(() -> smtp.mails().stream().anyMatch(m -> m.subject().contains("feed LATE")));
        assertThat(smtp.mails()).filteredOn(m -> m.subject().contains("feed LATE")).singleElement().satisfies(m -> {
            assertThat(m.subject()).isIn("BCFINSG: feed LATE for " + today + ": BCFINSG_CA, BCFINSG_CB missing",
                    // the check may have run just before midnight UTC
                    "BCFINSG: feed LATE for " + java.time.LocalDate.parse(today).minusDays(1) + ": BCFINSG_CA, BCFINSG_CB missing");
            assertThat(m.to()).containsExactly("gdw-ops@bank.test");
            assertThat(m.text()).contains("Missing since then (neither arrived in landing nor loaded): BCFINSG_CA, BCFINSG_CB");
        });
    }

    @Test
    void without_a_stream_that_declares_due_there_is_no_schedule_to_run() {
        // given late-feed alerts enabled, and only the packaged stream, which declares no due:
        try (LoaderHarness plain = LoaderHarness.start("late-feed-schedule-none", LoaderHarness.options()
                .property("loader.late-feeds.enabled", "true"))) {

            // then the late-feeds route was not made, and no Quartz scheduler started for it
            assertThat(plain.context().getRoute("late-feeds")).isNull();
            assertThat(plain.context().hasComponent("quartz")).isNull();
        }
    }
}
