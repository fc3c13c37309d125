package com.bank.gdw.loader.mail;

import java.util.Locale;
import java.util.Properties;

/** How the connection to the SMTP server is secured (loader.smtp.tls): not at all, STARTTLS, or TLS from the start. */
public enum SmtpSecurity {
    /** Plain SMTP: only for a server on a trusted network or a local catcher. */
    NONE,
    /** SMTP upgraded with STARTTLS (usually port 587); refuses to go on in plain text if the server does not offer it. */
    STARTTLS,
    /** SMTP over TLS from the first byte (SMTPS, usually port 465). */
    SMTPS;

    public static SmtpSecurity of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("loader.smtp.tls must be none, starttls or smtps, not '" + value + "'", e);
        }
    }

    /**
     * Jakarta Mail properties of the smtp protocol for this mode. {@code sslTrust}: hosts whose certificate is trusted
     * without any check (blank-separated, or *); empty to validate the certificate against the JVM trust store and
     * the host name against the certificate, as in production.
     */
    public Properties javaMailProperties(String sslTrust) {
        Properties p = new Properties();
        if (this == NONE) {
            return p;
        }
        if (this == STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        } else {
            p.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (sslTrust != null && !sslTrust.isBlank()) {
            // hosts named here are trusted whatever certificate they present, host name included: a private test server
            p.setProperty("mail.smtp.ssl.trust", sslTrust.trim());
            p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }
}
