package com.bank.gdw.loader.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.SmtpCatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM during a load: the unit finishes within the shutdown timeout, or is rolled back and recovered at the next start;
 * during the outbox's delivery: the attempt in flight ends, and no further notification is claimed.
 */
class GracefulShutdownTest {

    private static final LocalDate DATE = LocalDate.of(2026, 4, 4);

    private static Map<String, String> serve(Path data, String timeoutSeconds) {
        Map<String, String> p = ChildLoader.quickServe(data);
        p.put("loader.shutdown.timeout-seconds", timeoutSeconds);
        p.put("loader.http.port", "0");
        p.put("camel.server.enabled", "false");
        p.put("loader.progress.every-seconds", "1");
        return p;
    }

    private static FeedGenerator.Generated bigUnit(Path data) throws Exception {
        return new FeedGenerator(new com.bank.gdw.loader.stream.StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml")))
                .generate(data.resolve("landing"), "BCFINSG_CA", DATE, 250_000, 0);
    }

    private static void awaitLog(ChildLoader child, String text) throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        while (!child.output().contains(text)) {
            assertThat(System.currentTimeMillis()).as("%s in the log:%n%s", text, child.output()).isLessThan(end);
            assertThat(child.isAlive()).as(child.output()).isTrue();
            Thread.sleep(100);
        }
    }

    @Test
    void sigterm_lets_the_unit_in_flight_finish_within_the_timeout() throws Exception {
        Path data = Path.of("target", "it", "shutdown-finish").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        bigUnit(data);

        try (ChildLoader child = ChildLoader.start(data.resolve("child.log"), serve(data, "120"), Map.of(), "serve")) {
            awaitLog(child, "rows read");
            child.terminate();
            child.awaitExit(Duration.ofMinutes(3));
            assertThat(child.output()).contains("COMPLETED, 250000 rows written");
        }
        try (LoaderHarness h = LoaderHarness.start("shutdown-finish", LoaderHarness.options().existing(null))) {
            assertThat(h.rows("SELECT STRM_STATUS FROM DCF_T_STRM_INST")).extracting(r -> r.get("STRM_STATUS")).containsExactly("COMPLETED");
            assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isEqualTo(250_000);
            assertThat(LoaderHarness.files(h.landing())).isEmpty();
        }
    }

    @Test
    void sigterm_past_the_timeout_rolls_the_unit_back_and_the_next_start_recovers_it() throws Exception {
        Path data = Path.of("target", "it", "shutdown-timeout").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        FeedGenerator.Generated g = bigUnit(data);

        Map<String, String> props = serve(data, "1");
        // the unit stops mid-write and stays there: it cannot finish within the timeout, however fast the machine
        props.put("loader.fault.pause-at", "mid-write");
        props.put("loader.fault.dir", data.resolve("fault").toString());
        try (ChildLoader child = ChildLoader.start(data.resolve("child.log"), props, Map.of(), "serve")) {
            assertThat(child.awaitFile(data.resolve("fault/mid-write.reached"), Duration.ofMinutes(2))).as(child.output()).isTrue();
            child.terminate();
            child.awaitExit(Duration.ofMinutes(1));
            assertThat(child.output()).doesNotContain("COMPLETED, 250000 rows written");
        }
        try (LoaderHarness h = LoaderHarness.start("shutdown-timeout", LoaderHarness.options().existing(null))) {
            // the start itself recovered what the stopped instance left
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE STRM_STATUS = 'RUNNING'")).isZero();
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE PRCS_STATUS = 'RUNNING'")).isZero();
            assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isZero();
            assertThat(LoaderHarness.files(h.landing())).contains(g.loadFile().getFileName().toString());

            assertThat(h.run(DATE).exitCode()).isZero();
            assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isEqualTo(250_000);
            h.dropped(g.loadFile());
            h.dropped(g.triggerFile());
            DcfInvariants.assertHold(h);
        }
    }

    /**
     * SIGTERM while dates wait behind a run: the run in flight finishes, the waiting ones are not started (each would
     * need its own time, which a container's stop does not give); their files stay in landing for the next start.
     */
    @Test
    void sigterm_starts_no_run_that_was_waiting_its_turn() throws Exception {
        Path data = Path.of("target", "it", "shutdown-queue").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        FeedGenerator generator = new FeedGenerator(new com.bank.gdw.loader.stream.StreamDefinitionReader(v -> v)
                .read(Path.of("config/streams/bcfinsg.yaml")));
        for (int day = 0; day < 3; day++) {
            generator.generate(data.resolve("landing"), "BCFINSG_CA", DATE.plusDays(day), 100, 0);
        }
        Map<String, String> props = serve(data, "120");
        // the first run is held open until released: the other two dates' requests wait in the stream's queue meanwhile
        props.put("loader.fault.pause-at", "run-opened");
        props.put("loader.fault.dir", data.resolve("fault").toString());
        try (ChildLoader child = ChildLoader.start(data.resolve("child.log"), props, Map.of(), "serve")) {
            assertThat(child.awaitFile(data.resolve("fault/run-opened.reached"), Duration.ofMinutes(2))).as(child.output()).isTrue();
            Thread.sleep(1_000); // the other triggers' quiet period (300 ms) is over: their requests are queued
            child.terminate();
            java.nio.file.Files.writeString(data.resolve("fault/run-opened.release"), "");
            assertThat(child.awaitExit(Duration.ofMinutes(1))).as(child.output()).isZero();
            assertThat(child.output()).containsOnlyOnce("ended COMPLETED");
        }
        try (LoaderHarness h = LoaderHarness.start("shutdown-queue", LoaderHarness.options().existing(null))) {
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_STRM_INST")).isEqualTo(1);
            assertThat(LoaderHarness.files(h.landing())).hasSize(4);
        }
    }

    /**
     * SIGTERM while the outbox sends to a mail server that never answers: the attempt in flight runs into its timeout,
     * and the due mails after it are neither claimed nor tried (each would cost a whole timeout); they wait, PENDING and
     * unattempted, for the next start.
     */
    @Test
    void sigterm_lets_the_mail_attempt_in_flight_end_and_claims_no_further_mail() throws Exception {
        int mails = 4;
        Duration smtpTimeout = Duration.ofSeconds(4);
        Path data;
        try (LoaderHarness h = LoaderHarness.start("shutdown-outbox", LoaderHarness.options()
                .property("loader.mail.report-to", "gdw-reports@bank.test"))) {
            data = h.dataDir();
            for (int day = 0; day < mails; day++) {
                h.generate("BCFINSG_CA", DATE.plusDays(day), 10, 0);
                assertThat(h.run(DATE.plusDays(day)).exitCode()).isZero();
            }
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_STATUS = 'PENDING'")).isEqualTo(mails);
        }
        try (SmtpCatcher smtp = SmtpCatcher.smtp()) {
            smtp.hang();
            Map<String, String> props = serve(data, "60");
            props.put("loader.outbox.poll-ms", "200");
            props.put("loader.smtp.host", "127.0.0.1");
            props.put("loader.smtp.port", String.valueOf(smtp.port()));
            props.put("loader.smtp.timeout-ms", String.valueOf(smtpTimeout.toMillis()));
            props.put("loader.mail.report-to", "gdw-reports@bank.test");
            try (ChildLoader child = ChildLoader.start(data.resolve("child.log"), props, Map.of(), "serve")) {
                long end = System.currentTimeMillis() + 120_000;
                while (smtp.hungConnections() == 0) {
                    assertThat(System.currentTimeMillis()).as(child.output()).isLessThan(end);
                    assertThat(child.isAlive()).as(child.output()).isTrue();
                    Thread.sleep(50);
                }
                long signalled = System.nanoTime();
                child.terminate();
                assertThat(child.awaitExit(Duration.ofMinutes(2))).as(child.output()).isZero();
                // the one attempt in flight and the stop itself; every further mail tried would add a whole timeout
                assertThat(Duration.ofNanos(System.nanoTime() - signalled)).as(child.output())
                        .isLessThan(smtpTimeout.multipliedBy(2));
                assertThat(child.output()).doesNotContain("Timeout occurred during graceful shutdown");
                assertThat(smtp.hungConnections()).isEqualTo(1);
            }
        }
        try (LoaderHarness h = LoaderHarness.start("shutdown-outbox", LoaderHarness.options().existing(null))) {
            // the attempt cut short by nobody: ended by its timeout and recorded as such
            assertThat(h.rows("SELECT ATTEMPTS, LAST_ERROR FROM DCF_T_NOTIFICATIONS WHERE ATTEMPTS > 0"))
                    .singleElement().satisfies(r -> {
                        assertThat(((Number) r.get("ATTEMPTS")).longValue()).isEqualTo(1);
                        assertThat((String) r.get("LAST_ERROR")).containsIgnoringCase("timed out");
                    });
            // the others untouched: never claimed, so due again at once at the next start
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_STATUS = 'PENDING' AND ATTEMPTS = 0"))
                    .isEqualTo(mails - 1);
        }
    }
}
