package com.bank.gdw.loader.db;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Statements the database holds up are never silent: while one waits (behind a lock of another session, say), every
 * 10 s of it is a WARN line that names the statement and how long it has waited, in the context (stream, run, unit)
 * of the thread that waits. The loader goes on waiting, since the lock will go; an operator sees why nothing moves.
 * One daemon thread per JVM looks at the statements under way once a second.
 */
public final class DatabaseWaits {

    static final Duration EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWaits.class);
    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\\s+([A-Za-z_][A-Za-z0-9_.\"]*)");
    private static final Map<Wait, Boolean> UNDER_WAY = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loader-database-waits");
        t.setDaemon(true);
        return t;
    });

    static {
        WATCH.scheduleWithFixedDelay(DatabaseWaits::report, 1, 1, TimeUnit.SECONDS);
    }

    private DatabaseWaits() {
    }

    /** Work on the database under way until the wait is closed; {@code what} names it in the WARN line. */
    public static Wait start(String what) {
        return watch(() -> what);
    }

    /** A statement under way until the wait is closed; the WARN line names it by its SQL, shortened only then. */
    public static Wait statement(String sql) {
        return watch(() -> shortened(sql));
    }

    private static Wait watch(Supplier<String> what) {
        Wait w = new Wait(what, System.nanoTime(), MDC.getCopyOfContextMap());
        UNDER_WAY.put(w, Boolean.TRUE);
        return w;
    }

    /** A statement as the WARN line names it: its verb and the tables it reads or writes ("UPDATE DCF_T_STRM_LOCK"). */
    static String shortened(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        int space = oneLine.indexOf(' ');
        String verb = (space < 0 ? oneLine : oneLine.substring(0, space)).toUpperCase(Locale.ROOT);
        Set<String> tables = new LinkedHashSet<>();
        Matcher m = TABLE.matcher(oneLine);
        while (m.find()) {
            tables.add(m.group(1));
        }
        return tables.isEmpty() ? verb : verb + " " + String.join(", ", tables);
    }

    private static void report() {
        long now = System.nanoTime();
        for (Wait w : UNDER_WAY.keySet()) {
            long waited = TimeUnit.NANOSECONDS.toSeconds(now - w.started);
            if (waited >= w.nextReport) {
                w.nextReport += EVERY.toSeconds();
                Map<String, String> own = MDC.getCopyOfContextMap();
                try {
                    if (w.context != null) {
                        MDC.setContextMap(w.context);
                    }
                    LOG.warn("waiting {} s for the database: {} (held up by a lock of another session?)", waited, w.what.get());
                } finally {
                    MDC.setContextMap(own != null ? own : Map.of());
                }
            }
        }
    }

    /** One statement under way; closing it ends the watch. */
    public static final class Wait implements AutoCloseable {

        private final Supplier<String> what;
        private final long started;
        private final Map<String, String> context;
        private long nextReport = EVERY.toSeconds();

        private Wait(Supplier<String> what, long started, Map<String, String> context) {
            this.what = what;
            this.started = started;
            this.context = context;
        }

        @Override
        public void close() {
            UNDER_WAY.remove(this);
        }
    }
}
