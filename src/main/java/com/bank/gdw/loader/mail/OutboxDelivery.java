package com.bank.gdw.loader.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.Outbox;
import com.bank.gdw.loader.error.Causes;
import com.bank.gdw.loader.error.ControlCharacters;
import com.bank.gdw.loader.error.TextCut;
import com.bank.gdw.loader.report.NotificationMail;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The steps of the outbox-delivery route (DataStage Send_Report / Notify): claim a due notification, make it a mail,
 * and record the outcome of the attempt: SENT, PENDING again after a backoff, or FAILED after the last attempt.
 */
public final class OutboxDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);
    /** What of an error's text a log line carries (LAST_ERROR holds up to 4000 characters). */
    private static final int LOG_MESSAGE_CHARS = 400;

    private final ControlTables dcf;
    private final StreamCatalog streams;
    private final RetryBackoff backoff;
    private final Duration claimHold;
    private final long maxAttachmentBytes;
    private final String smtpServer;
    private final BooleanSupplier stopping;

    /**
     * @param claimHold how long a claimed row is not due again: longer than any attempt can take
     * @param maxAttachmentBytes reject files larger than this are named by path instead of attached
     * @param smtpServer host:port of the mail server, as the route's smtp endpoint reaches it, to name it in errors
     * @param stopping true once the loader is stopping (the CamelContext's own state): from then on nothing is claimed
     */
    public OutboxDelivery(ControlTables dcf, StreamCatalog streams, RetryBackoff backoff, Duration claimHold,
                          long maxAttachmentBytes, String smtpServer, BooleanSupplier stopping) {
        this.dcf = dcf;
        this.streams = streams;
        this.backoff = backoff;
        this.claimHold = claimHold;
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.smtpServer = smtpServer;
        this.stopping = stopping;
    }

    /** The ids of the mails due now (not the OpenLineage events), oldest first, at most {@code limit}. */
    public java.util.List<Long> dueMails(int limit) {
        return dcf.jdbi().withHandle(h -> dcf.outbox().due(h, false, limit));
    }

    /** The ids of the OpenLineage events due now, oldest first, at most {@code limit}. */
    public java.util.List<Long> dueLineageEvents(int limit) {
        return dcf.jdbi().withHandle(h -> dcf.outbox().due(h, true, limit));
    }

    /**
     * Claims the row for this attempt; null when it is no longer due (another instance claimed it first), or when the
     * loader is stopping: a graceful shutdown waits for the attempt in flight only, since each further one may take the
     * whole SMTP or HTTP timeout; the rows left wait, unclaimed and with no attempt counted, for the next start.
     */
    public Outbox.Notification claim(long notificationId) {
        if (stopping.getAsBoolean()) {
            return null;
        }
        return dcf.jdbi().inTransaction(h -> dcf.outbox().claim(h, notificationId, claimHold)).orElse(null);
    }

    /** Claims the row as {@link #claim} does, unless an earlier row of its type and run is still PENDING (then null). */
    public Outbox.Notification claimInOrder(long notificationId) {
        if (stopping.getAsBoolean()) {
            return null;
        }
        return dcf.jdbi().inTransaction(h -> dcf.outbox().claimInOrder(h, notificationId, claimHold)).orElse(null);
    }

    /** Makes the mail: subject, recipients, text, and the CSV report as attachment; the sender is the endpoint's. */
    public void compose(Outbox.Notification n, Exchange exchange) {
        StreamDefinition stream = stream(n.streamId()).orElse(null);
        NotificationMail mail = NotificationMail.of(n, stream, maxAttachmentBytes);
        String to = new MailRecipients(exchange.getContext().getPropertiesComponent()::resolveProperty)
                .of(stream == null ? null : stream.code(), n.type());
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader("Subject", mail.subject());
        m.setHeader("To", to);
        m.setBody(mail.text());
        if (mail.hasAttachment()) {
            exchange.getMessage(AttachmentMessage.class).addAttachment(mail.attachmentName(), new DataHandler(
                    new ByteArrayDataSource(mail.attachmentCsv().getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")));
        }
        for (java.nio.file.Path rejects : mail.rejectAttachments()) {
            try {
                exchange.getMessage(AttachmentMessage.class).addAttachment(rejects.getFileName().toString(), new DataHandler(
                        new ByteArrayDataSource(java.nio.file.Files.readAllBytes(rejects), "text/csv; charset=UTF-8")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot attach the reject file " + rejects + ": " + e.getMessage(), e);
            }
        }
    }

    private Optional<StreamDefinition> stream(int streamId) {
        return streams.all().stream().filter(s -> s.id() == streamId).findFirst();
    }

    /** The mail server took the mail. */
    public void sent(Outbox.Notification n) {
        boolean recorded = dcf.jdbi().inTransaction(h -> dcf.outbox().sent(h, n));
        LOG.info("notification {} ({} of run {}) sent{}", n.id(), n.type(), n.runId(),
                recorded ? "" : "; its claim had expired meanwhile, so it may be sent twice");
    }

    /** The attempt failed: try again after the backoff, or give up after the last attempt. */
    public void failed(Outbox.Notification n, Exception error) {
        if (n == null) {
            LOG.warn("outbox: cannot claim a notification: {}", forLog(describe(error)));
            return;
        }
        String message = describe(error);
        Optional<Duration> wait = backoff.after(n.attempts());
        Duration next = wait.orElse(null);
        boolean recorded = dcf.jdbi().inTransaction(h -> dcf.outbox().attemptFailed(h, n, message, next));
        if (!recorded) {
            LOG.warn("notification {} attempt {} failed ({}); another instance has claimed it since", n.id(), n.attempts(),
                    forLog(message));
        } else if (next != null) {
            LOG.warn("notification {} ({} of run {}) not sent, attempt {} of {}: {}; next attempt in {} s", n.id(), n.type(),
                    n.runId(), n.attempts(), backoff.maxAttempts(), forLog(message), next.toSeconds());
        } else {
            LOG.error("notification {} ({} of run {}) FAILED after {} attempts: {}", n.id(), n.type(), n.runId(), n.attempts(),
                    forLog(message));
        }
    }

    /**
     * The log's copy of an error: its text comes from a remote server (an SMTP reply, an HTTP error body), so a line
     * break in it would forge a log line of its own and a large body would flood the log; LAST_ERROR keeps more of it.
     */
    private static String forLog(String message) {
        return TextCut.atMost(ControlCharacters.escaped(message.strip()), LOG_MESSAGE_CHARS, "...");
    }

    /** The error as an operator needs it: what failed and, when different, why. */
    private String describe(Exception e) {
        if (closedByServer(e)) {
            return "SMTP " + smtpServer + " closed the connection while the mail was being sent";
        }
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String root = Causes.rootMessage(e);
        return top.contains(root) ? top : top + ": " + root;
    }

    /** JavaMail's reply text when the server's reply never came: the server closed the connection ("[EOF]", nothing else). */
    private static boolean closedByServer(Exception e) {
        return Causes.of(e).anyMatch(c -> c instanceof MessagingException && c.getMessage() != null
                && c.getMessage().strip().equals("[EOF]"));
    }
}
