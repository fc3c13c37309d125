package com.bank.gdw.loader.late;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.ExecLog;
import com.bank.gdw.loader.dcf.LateFeedTable;
import com.bank.gdw.loader.dcf.Outbox;
import com.bank.gdw.loader.error.Causes;
import com.bank.gdw.loader.stream.FeedDue;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The late-feed check (issue 14), run by the late-feeds route: for each stream that declares when its files are due,
 * the latest business date whose due time has passed; an expected unit of that date that has neither arrived (a file
 * of it in landing) nor been loaded (a process instance of it) makes the date late. A late date is alerted once
 * across instances (DCF_T_FEED_LATE): one LATE_FEED notification through the outbox, a WARN row in the exec log and
 * the counter; when every expected unit of it has loaded, the date is resolved with its delay in the exec log. The
 * gauge is 1 while the stream has an alerted date that is not resolved, read from the table, so every instance shows
 * the same. Time comes from the clock given, so tests control it.
 */
public final class LateFeeds {

    private static final Logger LOG = LoggerFactory.getLogger(LateFeeds.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Claims and resolutions of one JVM go one at a time. Across processes the database decides (PostgreSQL makes the
     * second UPDATE wait, then finds the row claimed); a DuckDB file is only ever open in one process, and DuckDB
     * answers two concurrent updates of a row by failing one of them, sometimes only at its commit, which leaves its
     * pooled connection without a transaction: so they are not let to meet.
     */
    private static final Object CLAIMS = new Object();

    /** What one check found for a stream. */
    public record Check(String stream, LocalDate businessDate, List<String> missing, boolean alerted) { }

    private final ControlTables dcf;
    private final Collection<StreamDefinition> streams;
    private final Path landing;
    private final Clock clock;
    private final Supplier<MeterRegistry> meters;
    private final Map<String, AtomicInteger> late = new LinkedHashMap<>();
    private final Map<String, Counter> alerts = new LinkedHashMap<>();
    private boolean metered;

    /** @param meters where the gauge and counter go, asked at the first check (the registry may come later than this bean) */
    public LateFeeds(ControlTables dcf, Collection<StreamDefinition> streams, Path landing, Clock clock, Supplier<MeterRegistry> meters) {
        this.dcf = dcf;
        this.streams = streams;
        this.landing = landing;
        this.clock = clock;
        this.meters = meters;
        for (StreamDefinition s : streams) {
            if (s.due() != null) {
                late.put(s.code(), new AtomicInteger());
            }
        }
    }

    /** True when some stream declares when its files are due. */
    public boolean hasWork() {
        return !late.isEmpty();
    }

    /** Checks every stream that declares a due time; one that fails is logged and the others are still checked. */
    public List<Check> checkAll() {
        List<Check> out = new ArrayList<>();
        for (StreamDefinition s : streams) {
            try {
                check(s).ifPresent(out::add);
            } catch (RuntimeException e) {
                LOG.warn("late-feed check of {} failed: {}", s.code(), e.toString());
            }
        }
        return out;
    }

    /** Checks one stream; empty when it declares no due time or no business date is due yet. */
    public Optional<Check> check(StreamDefinition s) {
        FeedDue due = s.due();
        if (due == null) {
            return Optional.empty();
        }
        bindMeters();
        Instant now = clock.instant();
        resolveLoaded(s, now);
        Optional<Check> result = due.latestDue(now).map(date -> checkDate(s, due, date, now));
        refreshGauge(s);
        return result;
    }

    private Check checkDate(StreamDefinition s, FeedDue due, LocalDate date, Instant now) {
        List<String> missing = due.units().stream().filter(u -> !arrived(s, u, date) && !started(s, u, date)).toList();
        if (missing.isEmpty()) {
            return new Check(s.code(), date, missing, false);
        }
        ZonedDateTime dueAt = due.dueAt(date);
        LocalDateTime dueUtc = LocalDateTime.ofInstant(dueAt.toInstant(), ZoneOffset.UTC);
        String units = String.join(",", missing);
        inTurn(() -> {
            LateFeedTable.insertIfAbsent(dcf.jdbi(), s.id(), date, dueUtc, units);
            return null;
        });
        LocalDateTime nowUtc = LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        boolean alerted = retryOnConflict(() -> inTurn(() -> dcf.jdbi().inTransaction(h -> {
            if (!LateFeedTable.claimAlert(h, s.id(), date, units, nowUtc, dcf.owner().id())) {
                return false;
            }
            dcf.outbox().add(h, Outbox.Type.LATE_FEED, s.id(), s.name(), null, content(s, due, date, dueAt, missing), null);
            dcf.log().write(h, ExecLog.Entry.stream(s.id(), s.name(), null, ExecLog.Level.WARN,
                    "LATE_FEED: business date " + date + ": " + units + " missing since " + dueAt + " (due by " + due.by()
                            + " " + due.zone() + ", " + due.dayOffset() + " day(s) after the business date)", null));
            return true;
        })));
        if (alerted) {
            Counter c = alerts.get(s.code());
            if (c != null) {
                c.increment();
            }
            LOG.warn("{}: the files of business date {} are late: {} missing since {}", s.code(), date, units, dueAt);
        }
        return new Check(s.code(), date, missing, alerted);
    }

    /** A file of the unit and date is in landing (the trigger or the load file). */
    private boolean arrived(StreamDefinition s, String unit, LocalDate date) {
        return Files.exists(landing.resolve(s.files().triggerName(unit, date)))
                || Files.exists(landing.resolve(s.files().loadName(unit, date, false)))
                || Files.exists(landing.resolve(s.files().loadName(unit, date, true)));
    }

    /** The unit and date has a process instance, whatever became of it: it arrived and was taken. */
    private boolean started(StreamDefinition s, String unit, LocalDate date) {
        return dcf.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE STRM_ID = :s AND PRCS_NAME = :u "
                        + "AND PRCS_BUS_DT = :d")
                .bind("s", s.id()).bind("u", unit).bind("d", date).mapTo(Long.class).one()) > 0;
    }

    /** Resolves each alerted date whose expected units have all loaded, with the delay past the due time. */
    private void resolveLoaded(StreamDefinition s, Instant now) {
        LocalDateTime nowUtc = LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        for (LateFeedTable.Late l : dcf.jdbi().withHandle(h -> LateFeedTable.open(h, s.id()))) {
            retryOnConflict(() -> inTurn(() -> {
                resolveIfLoaded(s, l, nowUtc);
                return null;
            }));
        }
    }

    private void resolveIfLoaded(StreamDefinition s, LateFeedTable.Late l, LocalDateTime nowUtc) {
        dcf.jdbi().useTransaction(h -> {
            Optional<LocalDateTime> loaded = allLoaded(h, s, l.businessDate());
            if (loaded.isEmpty()) {
                return;
            }
            // the last unit's end, but never past this check (the DCF clock and this clock may differ in tests)
            LocalDateTime at = loaded.get().isAfter(nowUtc) ? nowUtc : loaded.get();
            long delay = Math.max(0, Duration.between(l.due(), at).toSeconds());
            if (LateFeedTable.resolve(h, s.id(), l.businessDate(), nowUtc, delay)) {
                dcf.log().write(h, ExecLog.Entry.stream(s.id(), s.name(), null, ExecLog.Level.INFO,
                        "LATE_FEED resolved: business date " + l.businessDate() + ": every expected unit loaded, "
                                + Duration.ofSeconds(delay) + " after the due time " + l.due() + " UTC", null));
                LOG.info("{}: the late files of business date {} have loaded, {} after they were due", s.code(),
                        l.businessDate(), Duration.ofSeconds(delay));
            }
        });
    }

    /**
     * Runs a claim again when the database refused it for a concurrent update of the same row: DuckDB does so at once
     * instead of waiting for the other transaction (PostgreSQL waits, then finds the row claimed). Run again after the
     * other committed, the conditional update finds the row claimed and changes nothing.
     */
    private static <T> T inTurn(Supplier<T> work) {
        synchronized (CLAIMS) {
            return work.get();
        }
    }

    private static <T> T retryOnConflict(Supplier<T> claim) {
        for (int attempt = 1; ; attempt++) {
            try {
                return claim.get();
            } catch (RuntimeException e) {
                if (attempt >= 5 || !isConflict(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        return Causes.of(e).map(t -> String.valueOf(t.getMessage()))
                .anyMatch(m -> m.contains("Conflict") || m.contains("could not serialize"));
    }

    /** When every expected unit of the date has a COMPLETED (or SKIPPED_DUPLICATE) process, the latest end of them. */
    private static Optional<LocalDateTime> allLoaded(Handle h, StreamDefinition s, LocalDate date) {
        LocalDateTime last = null;
        for (String unit : s.due().units()) {
            Optional<java.sql.Timestamp> end = h.createQuery("SELECT MAX(PRCS_END_TS) FROM DCF_T_PRCS_INST WHERE STRM_ID = :s "
                            + "AND PRCS_NAME = :u AND PRCS_BUS_DT = :d AND PRCS_STATUS IN ('COMPLETED', 'SKIPPED_DUPLICATE')")
                    .bind("s", s.id()).bind("u", unit).bind("d", date).mapTo(java.sql.Timestamp.class).findOne();
            if (end.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime t = end.get().toLocalDateTime();
            last = last == null || t.isAfter(last) ? t : last;
        }
        return Optional.ofNullable(last);
    }

    private void refreshGauge(StreamDefinition s) {
        boolean open = !dcf.jdbi().withHandle(h -> LateFeedTable.open(h, s.id())).isEmpty();
        late.get(s.code()).set(open ? 1 : 0);
    }

    /** Registers the gauge and counter of each stream with a due time (at 0), once the registry exists. */
    public synchronized void bindMeters() {
        if (metered) {
            return;
        }
        MeterRegistry registry = meters.get();
        if (registry == null) {
            return;
        }
        for (Map.Entry<String, AtomicInteger> e : late.entrySet()) {
            Gauge.builder("loader.feed.late", e.getValue(), AtomicInteger::get)
                    .description("1 while an expected unit of the stream's latest due business date is late (alerted, not yet loaded)")
                    .tag("stream", e.getKey()).register(registry);
            alerts.put(e.getKey(), Counter.builder("loader.late.feeds")
                    .description("Business dates alerted as late (LATE_FEED) by this instance")
                    .tag("stream", e.getKey()).register(registry));
        }
        metered = true;
    }

    private static String content(StreamDefinition s, FeedDue due, LocalDate date, ZonedDateTime dueAt, List<String> missing) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stream", s.code());
        n.put("streamName", s.name());
        n.put("businessDate", date.toString());
        n.put("dueAt", dueAt.toOffsetDateTime().toString());
        n.put("zone", due.zone().getId());
        n.putPOJO("missingUnits", missing);
        n.putPOJO("expectedUnits", due.units());
        return n.toString();
    }
}
