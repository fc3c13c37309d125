package com.bank.gdw.loader.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bank.gdw.loader.dcf.Outbox;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * A notification of the outbox as an email (DataStage Send_Report / Notify): subject from the stream definition, a
 * text for people, and the CSV report to attach. Everything comes from the notification's stored content, so a later
 * run of the same date, which rewrites the report files, cannot change what an earlier mail says.
 */
public record NotificationMail(String subject, String text, String attachmentName, String attachmentCsv,
                               List<Path> rejectAttachments) {

    /** Reject files up to this size are attached unless loader.mail.max-attachment-bytes says otherwise. */
    public static final long MAX_ATTACHMENT_BYTES = 5L * 1024 * 1024;

    // rows written by an older or newer loader may carry fields this one does not know
    private static final ObjectMapper READER = LoadReport.JSON.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public boolean hasAttachment() {
        return attachmentCsv != null && attachmentName != null;
    }

    /** @param stream the notification's stream definition, or null when it is no longer configured */
    public static NotificationMail of(Outbox.Notification n, StreamDefinition stream) {
        return of(n, stream, MAX_ATTACHMENT_BYTES);
    }

    /**
     * @param maxAttachmentBytes reject files up to this size are attached, larger ones (and ones no longer readable)
     *                           are named by path in the text
     */
    public static NotificationMail of(Outbox.Notification n, StreamDefinition stream, long maxAttachmentBytes) {
        JsonNode content = parse(n.content());
        if (n.type() == Outbox.Type.LATE_FEED) {
            return lateFeed(n, content);
        }
        RunSummary s = summary(content);
        LocalDate date = LocalDate.parse(s.processingDate());
        boolean report = n.type() == Outbox.Type.LOAD_COMPLETION_REPORT;
        String subject;
        if (stream != null) {
            subject = report ? stream.report().reportSubject(date) : stream.report().failureSubject(stream.code(), date);
        } else {
            subject = n.streamName() + (report ? ": load report for " : ": load FAILED for ") + date;
        }
        String attachmentName = s.reportFile() == null ? null : Path.of(s.reportFile()).getFileName().toString();
        String csv = s.reportCsv() == null || s.reportCsv().isEmpty() ? null : s.reportCsv();
        List<Path> attached = new java.util.ArrayList<>();
        List<String> byPath = new java.util.ArrayList<>();
        for (String f : s.rejectFiles() == null ? List.<String>of() : s.rejectFiles()) {
            Path p = Path.of(f);
            long size = size(p);
            if (size >= 0 && size <= maxAttachmentBytes) {
                attached.add(p);
            } else {
                byPath.add(f + (size < 0 ? " (not readable now)" : " (" + size + " bytes, over the " + maxAttachmentBytes
                        + "-byte attachment limit)"));
            }
        }
        String text = text(n, s, content.path("units"), attachmentName, csv != null);
        text = rejects(text, attached, byPath);
        return new NotificationMail(subject, text, attachmentName, csv, List.copyOf(attached));
    }

    private static long size(Path p) {
        try {
            return java.nio.file.Files.isReadable(p) ? java.nio.file.Files.size(p) : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** The text with the reject files named before the signature: attached ones by name, the others by path. */
    private static String rejects(String text, List<Path> attached, List<String> byPath) {
        if (attached.isEmpty() && byPath.isEmpty()) {
            return text;
        }
        StringBuilder t = new StringBuilder();
        t.append("\nRejected records, to send back to the source system:\n");
        attached.forEach(p -> t.append("  attached: ").append(p.getFileName()).append('\n'));
        byPath.forEach(p -> t.append("  on the loader host: ").append(p).append('\n'));
        int sig = text.lastIndexOf("\n-- \n");
        return sig < 0 ? text + t : text.substring(0, sig) + t + text.substring(sig);
    }

    /** A LATE_FEED alert: which expected units of which business date have not arrived, and since when they are due. */
    private static NotificationMail lateFeed(Outbox.Notification n, JsonNode c) {
        List<String> missing = new java.util.ArrayList<>();
        c.path("missingUnits").forEach(u -> missing.add(u.asText()));
        List<String> expected = new java.util.ArrayList<>();
        c.path("expectedUnits").forEach(u -> expected.add(u.asText()));
        String code = c.path("stream").asText(n.streamName()).toUpperCase(Locale.ROOT);
        String date = c.path("businessDate").asText();
        String subject = code + ": feed LATE for " + date + ": " + String.join(", ", missing) + " missing";
        String text = c.path("streamName").asText(n.streamName()) + ": the files of business date " + date + " were due by "
                + c.path("dueAt").asText() + " (" + c.path("zone").asText() + ").\n\n"
                + "Missing since then (neither arrived in landing nor loaded): " + String.join(", ", missing) + "\n"
                + "Expected units: " + String.join(", ", expected) + "\n\n"
                + "This alert is sent once per business date; the loader loads the files as soon as they arrive, and the "
                + "execution log records the delay.\n";
        return new NotificationMail(subject, text, null, null, List.of());
    }

    private static JsonNode parse(String json) {
        try {
            return READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notification content is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static RunSummary summary(JsonNode content) {
        try {
            return READER.treeToValue(content, RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notification content is not a run summary: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param abandonedUnits the "units" of a notice recovery wrote for a run whose instance died (no load summary
     *                       then): file name, unit, process id and status of each unit the run had started
     */
    private static String text(Outbox.Notification n, RunSummary s, JsonNode abandonedUnits, String attachmentName, boolean attached) {
        StringBuilder t = new StringBuilder();
        RunSummary.LoadSummary l = s.loadSummary();
        t.append(s.streamName()).append(": the load of business date ").append(s.processingDate()).append(" ended ")
                .append(s.status()).append(".\n\n");
        if (s.error() != null) {
            t.append("Error: ").append(s.error()).append("\n\n");
        }
        t.append("Run ").append(s.runId()).append(", batch ").append(s.batchId());
        if (s.trigger() != null) {
            t.append(", trigger ").append(s.trigger());
        }
        if (s.performanceMetrics() != null) {
            t.append(", ").append(s.performanceMetrics().durationSeconds()).append(" s");
        }
        t.append(".\n");
        if (l != null) {
            t.append("Files: ").append(l.filesFound()).append(" found, ").append(l.filesLoaded()).append(" loaded.\n");
            t.append("Rows: ").append(l.inputRows()).append(" read, ").append(l.rowsWritten()).append(" written, ")
                    .append(l.rejectedRows()).append(" rejected, ").append(l.duplicateRows()).append(" duplicates.\n");
        }
        RunSummary.QualityMetrics q = s.qualityMetrics();
        if (q != null) {
            t.append("Data quality: average score ").append(q.averageScore()).append(" (lowest ").append(q.minScore())
                    .append("); records high ").append(q.high()).append(", medium ").append(q.medium()).append(", low ")
                    .append(q.low()).append(".\n");
        }
        if (s.performanceMetrics() != null) {
            t.append("Throughput: ").append(String.format(Locale.ROOT, "%,d", s.performanceMetrics().throughputRecordsPerMinute()))
                    .append(" records per minute.\n");
        }
        if (l != null && l.units() != null && !l.units().isEmpty()) {
            t.append("\nUnits:\n");
            for (RunSummary.UnitLine u : l.units()) {
                t.append("  ").append(u.fileName()).append("  ").append(u.status()).append("  read ").append(u.inputRows())
                        .append(", written ").append(u.rowsWritten()).append(", rejected ").append(u.inputRowsRejected())
                        .append(", duplicates ").append(u.duplicateRows());
                if (u.error() != null) {
                    t.append(" - ").append(u.error());
                }
                t.append('\n');
            }
        }
        if (l == null && abandonedUnits.isArray() && !abandonedUnits.isEmpty()) {
            t.append("\nUnits it had started:\n");
            for (JsonNode u : abandonedUnits) {
                t.append("  ").append(u.path("file_name").asText()).append("  ").append(u.path("status").asText()).append('\n');
            }
        }
        if (attached) {
            t.append("\nThe load report is attached: ").append(attachmentName).append('\n');
        }
        t.append("\n-- \ngdw-loader, notification ").append(n.id()).append(" of stream ").append(n.streamName()).append('\n');
        return t.toString();
    }
}
