package com.bank.gdw.loader.ops;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.UnitRecord;
import com.bank.gdw.loader.error.ControlCharacters;
import com.bank.gdw.loader.error.ErrorLine;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * What {@code status} shows: each stream's state, lease holder, and recent runs with their units, read from the DCF
 * tables without changing them. The same report is served as {@code GET /api/status} by a running container, so
 * {@code status} can ask it when it cannot open the database itself (the embedded file is locked by the container).
 */
public final class StatusReport {

    /** A stream with its recent runs, the latest first. */
    public record StreamStatus(String code, int id, String name, String targetTable, String status, String lease,
                               List<RunStatus> runs) { }

    /** A run with its units. */
    public record RunStatus(RunRecord run, List<UnitRecord> units) { }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StatusReport() {
    }

    /** Reads the report in one read-only pass over the DCF tables. */
    public static List<StreamStatus> read(ControlTables dcf, Collection<StreamDefinition> streams, int runs) {
        return dcf.jdbi().withHandle(h -> {
            List<StreamStatus> out = new ArrayList<>();
            for (StreamDefinition s : streams) {
                String status = dcf.streams().status(h, s.id()).orElse("(not registered)");
                String lease = dcf.lease().holder(h, s.id()).map(x -> "held by " + x.ownerId()
                        + (x.runId() != null ? " for run " + x.runId() : "") + " until " + x.expires() + " UTC").orElse("free");
                List<RunStatus> recent = new ArrayList<>();
                for (RunRecord r : dcf.runs().recent(h, s.id(), runs)) {
                    recent.add(new RunStatus(r, dcf.processes().ofRun(h, r.id())));
                }
                out.add(new StreamStatus(s.code(), s.id(), s.name(), s.targetTable(), status, lease, recent));
            }
            return out;
        });
    }

    public static String toJson(List<StreamStatus> report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static List<StreamStatus> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<StreamStatus>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a status report: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The report as the lines {@code status} prints. Its texts come from the DCF tables (a file's name, a stored error)
     * or from a container's answer: each is one line with its control characters shown as {@code \xNN}, so none
     * reaches the terminal or makes a line of its own ({@link #toJson} keeps them as stored, JSON escapes them).
     */
    public static void print(List<StreamStatus> report, PrintWriter out) {
        for (StreamStatus s : report) {
            out.printf("%s (id %d, %s): %s, lease %s%n", shown(s.name()), s.id(), shown(s.targetTable()), shown(s.status()),
                    shown(s.lease()));
            for (RunStatus rs : s.runs()) {
                RunRecord r = rs.run();
                out.printf("  run %-6d %s %-17s %-8s %s -> %s files %s/%s%s%n", r.id(), r.businessDate(), r.status(),
                        r.trigger(), r.start(), r.end() == null ? "" : r.end(), r.filesLoaded(), r.filesFound(),
                        r.error() == null ? "" : "  " + ErrorLine.folded(r.error()));
                for (UnitRecord u : rs.units()) {
                    out.printf("      process %-6d %-45s %-17s input %d written %d rejected %d duplicates %d%n", u.id(),
                            shown(u.fileName()), u.status(), u.figures().inputRows(), u.figures().rowsWritten(),
                            u.figures().rejectedRows(), u.figures().duplicateRows());
                }
            }
        }
        out.flush();
    }

    private static String shown(String text) {
        return ControlCharacters.shown(text);
    }
}
