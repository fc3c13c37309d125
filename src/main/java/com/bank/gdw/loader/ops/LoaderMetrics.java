package com.bank.gdw.loader.ops;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.camel.RunListener;
import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.unit.UnitResult;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.run.StreamActivity;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The loader's Prometheus metrics, fed by the runs and units of this instance as they end (counters and histograms
 * are per instance, as Prometheus expects; sum them over instances). The last-success gauge is seeded from the DCF
 * tables so it survives a restart. Names as scraped (Micrometer adds _total, _seconds):
 * <pre>
 * loader_runs_total{stream,status}            run requests by outcome: COMPLETED, FAILED, NO_DATA_AVAILABLE, REFUSED
 * loader_units_total{stream,status}           units by final PRCS_STATUS
 * loader_rows_written_total{stream}           rows written to the target table
 * loader_rejects_total{stream,kind}           records not written: kind=rejected or duplicate
 * loader_quality_rows_total{stream,band}      records by data-quality band: HIGH, MEDIUM, LOW
 * loader_run_duration_seconds{stream,status}  histogram of run durations
 * loader_unit_duration_seconds{stream,status} histogram of unit durations
 * loader_last_success_timestamp_seconds{stream} end of the latest COMPLETED run, epoch seconds (NaN: never)
 * loader_unit_rows_done{stream}, loader_unit_rows_per_second{stream}  the unit loading now (or last)
 * </pre>
 */
public final class LoaderMetrics implements RunListener {

    /** Status label of a run request refused before a run was opened (inactive, already running). */
    public static final String REFUSED = "REFUSED";

    private static final Logger LOG = LoggerFactory.getLogger(LoaderMetrics.class);
    private static final Duration[] BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4)
    };

    private final MeterRegistry registry;
    private final Loader loader;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private volatile boolean seeded;

    public LoaderMetrics(MeterRegistry registry, Loader loader) {
        this.registry = registry;
        this.loader = loader;
        for (StreamDefinition s : loader.streams().all()) {
            register(s);
        }
    }

    /** Every series of a stream exists from the start (at 0), so rates and alerts work before the first event. */
    private void register(StreamDefinition s) {
        String code = s.code();
        for (RunStatus status : EnumSet.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.NO_DATA_AVAILABLE)) {
            runs(code, status.name());
        }
        runs(code, REFUSED);
        for (UnitStatus status : UnitStatus.values()) {
            if (status != UnitStatus.RUNNING) {
                units(code, status.name());
            }
        }
        rowsWritten(code);
        rejects(code, "rejected");
        rejects(code, "duplicate");
        for (String band : new String[] {"HIGH", "MEDIUM", "LOW"}) {
            quality(code, band);
        }
        AtomicLong last = lastSuccess.computeIfAbsent(code, k -> new AtomicLong(Long.MIN_VALUE));
        Gauge.builder("loader.last.success.timestamp", last, v -> v.get() == Long.MIN_VALUE ? Double.NaN : v.get())
                .baseUnit("seconds").description("End of the stream's latest COMPLETED run, epoch seconds")
                .tag("stream", code).register(registry);
        StreamActivity activity = loader.activity().of(code);
        Gauge.builder("loader.unit.rows.done", activity, StreamActivity::rowsDone)
                .description("Records read so far of the unit loading now (or the last one)").tag("stream", code).register(registry);
        Gauge.builder("loader.unit.rows.per.second", activity, StreamActivity::rowsPerSecond)
                .description("Records per second of the unit loading now (or the last one)").tag("stream", code).register(registry);
        Gauge.builder("loader.unit.database.wait", activity, StreamActivity::databaseWaitSeconds).baseUnit("seconds")
                .description("How long the unit loading now has been waiting for the database; 0 while rows flow")
                .tag("stream", code).register(registry);
    }

    @Override
    public void unitEnded(StreamDefinition stream, UnitResult result, Duration took) {
        String code = stream.code();
        String status = result.status().name();
        units(code, status).increment();
        UnitFigures f = result.figures();
        rowsWritten(code).increment(f.rowsWritten());
        rejects(code, "rejected").increment(f.rejectedRows());
        rejects(code, "duplicate").increment(f.duplicateRows());
        quality(code, "HIGH").increment(f.highRows());
        quality(code, "MEDIUM").increment(f.mediumRows());
        quality(code, "LOW").increment(f.lowRows());
        if (took != null) {
            timer("loader.unit.duration", "Duration of a unit, from its process instance to its file moves", code, status).record(took);
        }
    }

    @Override
    public void runEnded(StreamDefinition stream, RunOutcome outcome, Duration took) {
        String code = stream.code();
        String status = outcome.refused() ? REFUSED : outcome.status().name();
        runs(code, status).increment();
        if (took != null) {
            timer("loader.run.duration", "Duration of a run, from its opening to its close", code, status).record(took);
        }
        if (outcome.status() == RunStatus.COMPLETED) {
            lastSuccess.computeIfAbsent(code, k -> new AtomicLong(Long.MIN_VALUE)).accumulateAndGet(
                    System.currentTimeMillis() / 1000, Math::max);
        }
    }

    /**
     * Reads each stream's latest successful run from DCF_T_STRM_INST once, so the gauge tells the truth after a
     * restart; called off the scrape path (a timer), as the database may be slow or down. Tries again until it works.
     */
    public void seedFromControlTables() {
        if (seeded) {
            return;
        }
        try {
            loader.initialize();
            var dcf = loader.dcf();
            for (StreamDefinition s : loader.streams().all()) {
                dcf.jdbi().withHandle(h -> dcf.runs().lastCompletedEnd(h, s.id())).ifPresent(end ->
                        lastSuccess.computeIfAbsent(s.code(), k -> new AtomicLong(Long.MIN_VALUE))
                                .accumulateAndGet(end.toEpochSecond(ZoneOffset.UTC), Math::max));
            }
            seeded = true;
        } catch (RuntimeException e) {
            LOG.debug("last successful runs not read yet: {}", e.getMessage());
        }
    }

    public boolean isSeeded() {
        return seeded;
    }

    private Counter runs(String stream, String status) {
        return Counter.builder("loader.runs").description("Run requests by outcome (REFUSED: no run was opened)")
                .tag("stream", stream).tag("status", status).register(registry);
    }

    private Counter units(String stream, String status) {
        return Counter.builder("loader.units").description("Units by final status").tag("stream", stream).tag("status", status)
                .register(registry);
    }

    private Counter rowsWritten(String stream) {
        return Counter.builder("loader.rows.written").description("Rows written to the target table").tag("stream", stream)
                .register(registry);
    }

    private Counter rejects(String stream, String kind) {
        return Counter.builder("loader.rejects").description("Records not written: rejected by validation, or duplicate keys")
                .tag("stream", stream).tag("kind", kind).register(registry);
    }

    private Counter quality(String stream, String band) {
        return Counter.builder("loader.quality.rows").description("Records by data-quality band").tag("stream", stream)
                .tag("band", band).register(registry);
    }

    private Timer timer(String name, String description, String stream, String status) {
        return Timer.builder(name).description(description).tag("stream", stream).tag("status", status)
                .serviceLevelObjectives(BUCKETS).register(registry);
    }
}
