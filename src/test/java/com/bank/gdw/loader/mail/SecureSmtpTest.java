package com.bank.gdw.loader.mail;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.SmtpCatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The smtp component the loader builds: SMTPS with a login, certificate checked unless the host is explicitly trusted;
 * STARTTLS never falls back to plain text.
 */
class SecureSmtpTest {

    private static SmtpCatcher smtps;

    @BeforeAll
    static void start() {
        smtps = SmtpCatcher.smtps("loader", "s3cret").up();
    }

    @AfterAll
    static void stop() {
        smtps.close();
    }

    /** Sends one mail with an smtp component made by SmtpConfiguration from these settings. */
    private static void send(String sslTrust, SmtpCredentials login, String subject) throws Exception {
        send(SmtpSecurity.SMTPS, smtps.port(), sslTrust, login, subject);
    }

    private static void send(SmtpSecurity security, int port, String sslTrust, SmtpCredentials login, String subject) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("smtp", SmtpConfiguration.component(camel, security, sslTrust, 5000, login));
            camel.start();
            camel.createProducerTemplate().sendBodyAndHeaders("smtp://127.0.0.1:" + port + "?from=gdw-loader@bank.test",
                    "body", Map.of("Subject", subject, "To", "ops@bank.test"));
        }
    }

    private static SmtpCredentials login(String password) {
        return SmtpCredentials.fromEnvironment(Map.of("LOADER_SMTP_USER", "loader", "LOADER_SMTP_PASSWORD", password));
    }

    @Test
    void a_mail_goes_over_smtps_with_the_login_to_a_trusted_host() throws Exception {
        send("127.0.0.1", login("s3cret"), "over TLS");

        assertThat(smtps.mails()).anyMatch(m -> m.subject().equals("over TLS"));
    }

    @Test
    void a_wrong_password_is_refused_by_the_server() {
        assertThatThrownBy(() -> send("127.0.0.1", login("wrong"), "wrong password"))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseInstanceOf(jakarta.mail.AuthenticationFailedException.class);
        assertThat(smtps.mails()).noneMatch(m -> m.subject().equals("wrong password"));
    }

    @Test
    void a_certificate_the_trust_store_does_not_know_is_refused_unless_its_host_is_trusted() {
        assertThatThrownBy(() -> send("", login("s3cret"), "untrusted"))
                .isInstanceOf(CamelExecutionException.class)
                .hasStackTraceContaining("PKIX");
        assertThat(smtps.mails()).noneMatch(m -> m.subject().equals("untrusted"));
    }
    /**
     * GreenMail offers no STARTTLS (its issue #135), so the upgrade itself cannot be shown here; what matters most can:
     * with STARTTLS required, a server that does not offer it gets no mail and no password in plain text.
     */
    @Test
    void starttls_never_falls_back_to_plain_text_when_the_server_does_not_offer_it() {
        try (SmtpCatcher plain = SmtpCatcher.smtp().up()) {
            assertThatThrownBy(() -> send(SmtpSecurity.STARTTLS, plain.port(), "127.0.0.1", login("s3cret"), "plain text"))
                    .isInstanceOf(CamelExecutionException.class)
                    .hasStackTraceContaining("STARTTLS");
            assertThat(plain.mails()).noneMatch(m -> m.subject().equals("plain text"));
        }
    }
}
