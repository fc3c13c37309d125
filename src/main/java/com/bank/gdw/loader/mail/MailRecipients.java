package com.bank.gdw.loader.mail;

import java.util.Optional;
import java.util.function.Function;

import com.bank.gdw.loader.dcf.Outbox;

/**
 * Who gets a notification: loader.mail.&lt;stream code&gt;.report-to or .failure-to when set, else loader.mail.report-to
 * or loader.mail.failure-to (comma-separated addresses), read from the Camel properties at delivery time.
 */
public final class MailRecipients {

    private final Function<String, Optional<String>> properties;

    public MailRecipients(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    /** The addresses for a notification of the stream; fails when none are configured. */
    public String of(String streamCode, Outbox.Type type) {
        String key = type == Outbox.Type.LOAD_COMPLETION_REPORT ? "report-to" : "failure-to";
        if (streamCode != null) {
            Optional<String> perStream = lookup("loader.mail." + streamCode + "." + key);
            if (perStream.isPresent()) {
                return perStream.get();
            }
        }
        return lookup("loader.mail." + key).orElseThrow(() -> new IllegalStateException("no recipients for " + type
                + (streamCode != null ? " of " + streamCode : "") + ": set loader.mail." + key
                + (streamCode != null ? " or loader.mail." + streamCode + "." + key : "")));
    }

    private Optional<String> lookup(String key) {
        return properties.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    }
}
