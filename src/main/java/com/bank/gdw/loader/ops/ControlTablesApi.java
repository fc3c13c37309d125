package com.bank.gdw.loader.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.RejectTable;
import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.StreamRegistry;
import com.bank.gdw.loader.dcf.UnitRecord;
import com.bank.gdw.loader.error.Causes;
import com.bank.gdw.loader.error.ControlCharacters;
import com.bank.gdw.loader.error.TextCut;
import com.bank.gdw.loader.run.StreamActivity;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The read-only JSON API over the DCF tables (and the live figures of this instance): streams, their runs, the units
 * of a run. Timestamps are the DCF's, UTC, without offset (as stored).
 */
public final class ControlTablesApi {

    /** Asked for something that does not exist: answered 404. */
    public static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** A parameter that is not what it must be: answered 400. */
    public static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** A stream as the API shows it. */
    public record StreamView(String code, int id, String name, String description, String targetTable, String status,
                             String lease, Live live, RunRecord lastRun, List<Late> late) { }

    /** A business date alerted as late and not yet loaded (DCF_T_FEED_LATE); the dashboard shows a "late" badge. */
    public record Late(java.time.LocalDate businessDate, String missingUnits, java.time.LocalDateTime dueUtc,
                       java.time.LocalDateTime alertedUtc) { }

    /** What this instance is doing with the stream now. */
    public record Live(Long runId, String currentUnit, long rowsDone, double rowsPerSecond, long databaseWaitSeconds, Long lastRunId,
                       String lastRunStatus) { }

    static final int MAX_RUNS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ControlTablesApi.class);

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Supplier<Loader> loader;

    public ControlTablesApi(Supplier<Loader> loader) {
        this.loader = loader;
    }

    /** GET /api/streams. */
    public String streams() {
        ControlTables dcf = dcf();
        List<StreamView> views = new ArrayList<>();
        for (StreamDefinition s : loader.get().streams().all()) {
            views.add(dcf.jdbi().withHandle(h -> {
                String status = dcf.streams().status(h, s.id()).orElse(StreamRegistry.INACTIVE);
                String lease = dcf.lease().holder(h, s.id()).map(x -> "held by " + x.ownerId()
                        + (x.runId() != null ? " for run " + x.runId() : "") + " until " + x.expires() + " UTC").orElse("free");
                RunRecord last = dcf.runs().recent(h, s.id(), 1).stream().findFirst().orElse(null);
                List<Late> late = com.bank.gdw.loader.dcf.LateFeedTable.open(h, s.id()).stream()
                        .map(l -> new Late(l.businessDate(), l.missingUnits(), l.due(), l.alerted())).toList();
                return new StreamView(s.code(), s.id(), s.name(), s.description(), s.targetTable(), status, lease, live(s), last,
                        late);
            }));
        }
        return json(views);
    }

    /** GET /api/status?runs=N&stream=CODE: what the status command prints, for a status that cannot open the database. */
    public String status(String runs, String code) {
        int n = count("runs", runs, 10, 1, MAX_RUNS);
        List<StreamDefinition> streams = code == null || code.isBlank() ? List.copyOf(loader.get().streams().all()) : List.of(stream(code));
        return StatusReport.toJson(StatusReport.read(dcf(), streams, n));
    }

    /** GET /api/streams/{code}/runs?limit=N: the latest runs first. */
    public String runs(String code, String limit) {
        StreamDefinition s = stream(code);
        int n = count("limit", limit, 20, 1, MAX_RUNS);
        ControlTables dcf = dcf();
        return json(dcf.jdbi().withHandle(h -> dcf.runs().recent(h, s.id(), n)));
    }

    /** GET /api/runs/{id}: the run and its units. */
    public String run(String id) {
        long runId = id(id);
        ControlTables dcf = dcf();
        return json(dcf.jdbi().withHandle(h -> {
            RunRecord run = dcf.runs().find(h, runId).orElseThrow(() -> new NotFound("no run " + runId));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("run", run);
            body.put("units", dcf.processes().ofRun(h, runId));
            return body;
        }));
    }

    /** GET /api/runs/{id}/units: the units (process instances) of a run with their figures and quality bands. */
    public String units(String id) {
        long runId = id(id);
        ControlTables dcf = dcf();
        return json(dcf.jdbi().withHandle(h -> {
            Optional<RunRecord> run = dcf.runs().find(h, runId);
            if (run.isEmpty()) {
                throw new NotFound("no run " + runId);
            }
            return dcf.processes().ofRun(h, runId);
        }));
    }

    static final int MAX_REJECTS = 1000;

    /**
     * GET /api/units/{processId}/rejects?limit=&offset=: the unit's rejects in line order (line, reason, column,
     * value), a page of them, with the total and the counts by reason.
     */
    public String rejects(String processId, String limit, String offset) {
        long id = id(processId, "no unit ");
        int n = count("limit", limit, 100, 1, MAX_REJECTS);
        long from = count("offset", offset, 0, 0, Integer.MAX_VALUE);
        ControlTables dcf = dcf();
        return json(dcf.jdbi().withHandle(h -> {
            UnitRecord unit = dcf.processes().find(h, id).orElseThrow(() -> new NotFound("no unit " + id));
            Map<String, Long> counts = RejectTable.countsByReason(h, id);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("processId", id);
            body.put("unit", unit.unit());
            body.put("fileName", unit.fileName());
            body.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
            body.put("byReason", counts);
            body.put("limit", n);
            body.put("offset", from);
            body.put("rejects", RejectTable.page(h, id, n, from));
            return body;
        }));
    }

    /** The error body of a failed request: the message of the innermost cause (Camel wraps what the bean threw). */
    public static String error(Throwable error) {
        return json(Map.of("error", Causes.rootMessage(error)));
    }

    /** The answer to a request that failed in the loader itself: logged with its stack trace, its message escaped. */
    public static String failed(Throwable error) {
        String message = ControlCharacters.escaped(TextCut.atMost(String.valueOf(Causes.rootMessage(error)), 500, "..."));
        LOG.error("an HTTP request failed: {}", message, error);
        return json(Map.of("error", "the loader failed to answer: " + message));
    }

    private Live live(StreamDefinition s) {
        StreamActivity a = loader.get().activity().of(s);
        return new Live(a.runId(), a.currentUnit(), a.rowsDone(), Math.round(a.rowsPerSecond() * 10) / 10.0,
                a.databaseWaitSeconds(), a.lastRunId(), a.lastRunStatus());
    }

    private StreamDefinition stream(String code) {
        return loader.get().streams().all().stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFound("no stream " + code));
    }

    /**
     * A count parameter: absent or empty is {@code absent}; otherwise ASCII digits, at least {@code min}; more than
     * {@code max} is {@code max} (the largest page the API gives). Anything else is a {@link BadRequest} that quotes
     * the value escaped and cut, since the message is the answer and may be logged.
     */
    static int count(String name, String value, int absent, int min, int max) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        if (asciiDigits(value)) {
            String significant = value.replaceFirst("^0+(?=.)", "");
            long n = significant.length() > 10 ? Long.MAX_VALUE : Long.parseLong(significant);
            if (n >= min) {
                return (int) Math.min(n, max);
            }
        }
        throw new BadRequest(name + " must be a whole number from " + min + (max == Integer.MAX_VALUE ? "" : " to " + max) + ": "
                + shown(value));
    }

    private static long id(String id) {
        return id(id, "no run ");
    }

    /** An id is ASCII digits that fit a long; anything else names nothing, quoted escaped and cut as in {@link #count}. */
    private static long id(String id, String notFound) {
        if (id != null && !id.isEmpty() && id.length() <= 18 && asciiDigits(id)) {
            return Long.parseLong(id);
        }
        throw new NotFound(notFound + shown(String.valueOf(id)));
    }

    /** Only 0-9: Long.parseLong would also take a sign and other scripts' digits. */
    private static boolean asciiDigits(String value) {
        return value.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    /** A value from the request as an answer (and a log line) may show it: control characters escaped, cut. */
    private static String shown(String value) {
        return ControlCharacters.escaped(TextCut.atMost(value, 40, "..."));
    }

    /**
     * The DCF tables. Until the databases have been made ready (in the background since the start, tried again while
     * one does not answer) the API says so at once rather than wait out a connection timeout per request.
     */
    private ControlTables dcf() {
        Loader l = loader.get();
        if (!l.isInitialized()) {
            throw new IllegalStateException("the loader's databases are not ready yet (/observe/health/ready says why); try again shortly");
        }
        return l.dcf();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
