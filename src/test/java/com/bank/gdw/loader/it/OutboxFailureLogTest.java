package com.bank.gdw.loader.it;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.BrokenSmtpServer;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.LineageReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed outbox attempt, as a `serve` process logs it with the shipped log4j2.xml: one line per attempt that names
 * the cause, whatever the remote server sent back: its text escaped and cut, never a line of its own.
 */
class OutboxFailureLogTest {

    private static final LocalDate DATE = LocalDate.of(2026, 7, 1);
    /** A whole log line, as the remote endpoint would forge it. */
    private static final String FORGED = "2026-01-01 00:00:00.000 ERROR [bcfinsg run=1] RunClose - run 1 ended FORGED";
    /** Longer than any line the loader writes about an attempt, far shorter than the endpoint's answer. */
    private static final int LONGEST_LINE = 1000;

    /** A date run by a one-shot loader on a fresh data directory: its report mail and lineage events wait in the outbox. */
    private static Path pendingOutbox(String name, Map<String, String> properties) {
        LoaderHarness.Options options = LoaderHarness.options().property("loader.mail.report-to", "gdw-reports@bank.test");
        properties.forEach(options::property);
        try (LoaderHarness h = LoaderHarness.start(name, options)) {
            h.generate("BCFINSG_CA", DATE, 10, 0);
            assertThat(h.run(DATE).exitCode()).isZero();
            return h.dataDir();
        }
    }

    private static Map<String, String> serve(Path data, int smtpPort) {
        Map<String, String> p = ChildLoader.quickServe(data);
        p.put("loader.http.port", "0");
        p.put("camel.server.enabled", "false");
        p.put("loader.outbox.poll-ms", "200");
        p.put("loader.outbox.max-attempts", "2");
        p.put("loader.outbox.backoff-initial-seconds", "1");
        p.put("loader.smtp.host", "127.0.0.1");
        p.put("loader.smtp.port", String.valueOf(smtpPort));
        p.put("loader.smtp.timeout-ms", "5000");
        p.put("loader.mail.report-to", "gdw-reports@bank.test");
        return p;
    }

    /** The log the child wrote, without the command line ChildLoader puts first. */
    private static List<String> logLines(ChildLoader child) {
        List<String> lines = child.output().lines().toList();
        return lines.subList(1, lines.size());
    }

    private static void awaitLog(ChildLoader child, String... texts) throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        while (!java.util.Arrays.stream(texts).allMatch(child.output()::contains)) {
            assertThat(System.currentTimeMillis()).as("%s in the log:%n%s", List.of(texts), child.output()).isLessThan(end);
            assertThat(child.isAlive()).as(child.output()).isTrue();
            Thread.sleep(100);
        }
    }

    @Test
    void what_a_hostile_endpoint_or_mail_server_answers_is_logged_escaped_and_cut_on_the_attempts_line() throws Exception {
        // given a lineage endpoint answering 500 with a forged log line, NUL, an ANSI escape and 6,000 characters,
        // and a mail server whose refusal ends in a line break
        String answer = "bad\n" + FORGED + "\u0000\u001b[31mred" + "x".repeat(6000);
        try (LineageReceiver endpoint = new LineageReceiver().up().failing(500, answer);
             BrokenSmtpServer smtp = BrokenSmtpServer.refusingWith("421 4.3.2 service not available")) {
            Map<String, String> lineage = Map.of("loader.openlineage.url", endpoint.url(), "loader.openlineage.timeout-ms", "2000");
            Path data = pendingOutbox("outbox-log-hostile", lineage);
            Map<String, String> props = serve(data, smtp.port());
            props.putAll(lineage);

            // when serve tries to deliver them until each has failed
            try (ChildLoader child = ChildLoader.start(data.resolve("child.log"), props, Map.of(), "serve")) {
                awaitLog(child, "(OPENLINEAGE_EVENT of run 1) FAILED after 2 attempts", "(LOAD_COMPLETION_REPORT of run 1) FAILED after 2 attempts");
                child.terminate();
                child.awaitExit(java.time.Duration.ofMinutes(1));

                // then each attempt is one line of its own, the remote text escaped and cut within it
                List<String> lines = logLines(child);
                assertThat(lines).noneMatch(l -> l.startsWith(FORGED));
                assertThat(lines).noneMatch(l -> l.startsWith("; next attempt in"));
                assertThat(lines).noneMatch(l -> l.contains("\u0000") || l.contains("\u001b"));
                assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(LONGEST_LINE));
                assertThat(lines).filteredOn(l -> l.contains("(OPENLINEAGE_EVENT of run 1) not sent, attempt 1 of 2"))
                        .first().asString().contains("bad\\x0a" + FORGED + "\\x00\\x1b[31mredxxx").endsWith("...; next attempt in 1 s");
                assertThat(lines).filteredOn(l -> l.contains("(LOAD_COMPLETION_REPORT of run 1) not sent, attempt 1 of 2"))
                        .singleElement().asString().contains("421 4.3.2 service not available").endsWith("; next attempt in 1 s");
            }
        }
    }

    @Test
    void a_mail_server_that_closes_the_connection_during_the_mail_is_named_with_what_it_did_in_one_line() throws Exception {
        // given a mail server that takes the envelope and closes the connection once the mail's text starts
        try (BrokenSmtpServer smtp = BrokenSmtpServer.closingDuringData()) {
            Path data = pendingOutbox("outbox-log-closed", Map.of());

            // when serve tries to send the report mail until it fails
            try (ChildLoader child = ChildLoader.start(data.resolve("child.log"), serve(data, smtp.port()), Map.of(), "serve")) {
                awaitLog(child, "(LOAD_COMPLETION_REPORT of run 1) FAILED after 2 attempts");
                child.terminate();
                child.awaitExit(java.time.Duration.ofMinutes(1));

                // then each attempt is one line that names the server and what it did, with no stack trace
                String closed = "SMTP 127.0.0.1:" + smtp.port() + " closed the connection while the mail was being sent";
                List<String> lines = logLines(child);
                assertThat(lines).filteredOn(l -> l.contains("(LOAD_COMPLETION_REPORT of run 1) not sent, attempt 1 of 2"))
                        .singleElement().asString().contains(closed);
                assertThat(lines).filteredOn(l -> l.contains("(LOAD_COMPLETION_REPORT of run 1) FAILED after 2 attempts"))
                        .singleElement().asString().contains(closed);
                assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Error closing transport"));
                assertThat(smtp.connections()).isEqualTo(2);
            }
            try (LoaderHarness h = LoaderHarness.start("outbox-log-closed", LoaderHarness.options().existing(null))) {
                assertThat(h.rows("SELECT NOTIFICATION_STATUS, LAST_ERROR FROM DCF_T_NOTIFICATIONS")).singleElement()
                        .satisfies(r -> assertThat(r).containsEntry("NOTIFICATION_STATUS", "FAILED").containsEntry("LAST_ERROR",
                                "SMTP 127.0.0.1:" + smtp.port() + " closed the connection while the mail was being sent"));
            }
        }
    }
}
