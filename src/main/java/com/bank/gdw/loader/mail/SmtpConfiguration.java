package com.bank.gdw.loader.mail;

import java.util.Locale;
import java.util.Properties;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smtp component the outbox-delivery route sends with, configured here rather than in the endpoint URI so the
 * SMTP login comes from the environment only (SmtpCredentials) and never appears in a URI, a log line or JMX.
 */
@Configuration
public class SmtpConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConfiguration.class);

    private MailComponent smtp;

    @Override
    public void configure(CamelContext camelContext) {
        // nothing: the component below is built from the injected properties
    }

    /** Replaces Camel's default smtp component: host and port stay in the route's endpoint URI. */
    @BindToRegistry("smtp")
    public synchronized MailComponent smtp(CamelContext camelContext,
                              @PropertyInject("loader.smtp.tls") String tls,
                              @PropertyInject(value = "loader.smtp.ssl-trust", defaultValue = "") String sslTrust,
                              @PropertyInject("loader.smtp.timeout-ms") int timeoutMillis) {
        // Camel may ask twice while it reads the configuration classes: one component, one log line
        if (smtp == null) {
            SmtpSecurity security = SmtpSecurity.of(tls);
            SmtpCredentials login = SmtpCredentials.fromEnvironment();
            LOG.info("mail: SMTP {}, {}", security.name().toLowerCase(Locale.ROOT), login);
            smtp = component(camelContext, security, sslTrust, timeoutMillis, login);
        }
        return smtp;
    }

    /** An smtp component with this security, timeout and login. */
    static MailComponent component(CamelContext camelContext, SmtpSecurity security, String sslTrust, int timeoutMillis,
                                   SmtpCredentials login) {
        MailComponent smtp = new MailComponent(camelContext);
        MailConfiguration c = new MailConfiguration(camelContext);
        smtp.setConfiguration(c);
        c.setConnectionTimeout(timeoutMillis);
        Properties props = security.javaMailProperties(sslTrust);
        // a stalled server must not hold the delivery thread for ever (connectionTimeout covers connect and read)
        props.setProperty("mail.smtp.writetimeout", String.valueOf(timeoutMillis));
        c.setAdditionalJavaMailProperties(props);
        // base64 keeps an attachment byte for byte: as text, MIME would turn the report's line ends into CRLF
        c.setAttachmentsContentTransferEncodingResolver(part -> "base64");
        if (login.present()) {
            c.setUsername(login.user());
            c.setPassword(login.password());
        }
        return smtp;
    }
}
