package com.bank.gdw.loader.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.quartz.CronExpression;

import com.bank.gdw.loader.dcf.Owner;
import com.bank.gdw.loader.error.ControlCharacters;
import com.bank.gdw.loader.error.TextCut;
import com.bank.gdw.loader.mail.SmtpSecurity;
import com.bank.gdw.loader.stream.Directories;

/**
 * The values of the loader's settings, checked before a command uses them: before any database, directory or log is
 * made. A bad value is named as the user set it (the LOADER_* variable, else the loader.* key), with the value (escaped
 * and cut) and what is allowed; a command refuses to start with all of them in one line (exit code 2), validate lists
 * them.
 */
final class SettingsCheck {

    /** The keys the status command reads: it must not be refused for a setting only a run or serve uses. */
    static final Predicate<String> STATUS = key -> key.startsWith("loader.db.") || key.startsWith("LOADER_LOG_")
            || Set.of("loader.dir.db", "loader.instance.name", "loader.http.port", "loader.streams-dir").contains(key);

    private static final int VALUE_SHOWN = 60;
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final Set<String> LOG_LEVELS = Set.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");
    private static final String[] DIRECTORIES = {"landing", "inprocess", "archive-load", "archive-trigger", "error", "reports", "work",
        "db"};

    /** One value's rule: null when the value is allowed, else what is allowed. */
    private interface Rule {
        String refusal(String value);
    }

    private static final Map<String, Rule> RULES = rules();

    private SettingsCheck() {
    }

    /** Refuses (ConfigurationException: exit code 2) the settings when a value is bad, all bad ones in one line. */
    static void require(LoaderProperties props, Predicate<String> keys) {
        List<String> problems = problems(props, keys);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems), null);
        }
    }

    /** One line per bad value, each naming the variable or key, the value and what is allowed. */
    static List<String> problems(LoaderProperties props) {
        return problems(props, key -> true);
    }

    static List<String> problems(LoaderProperties props, Predicate<String> keys) {
        Map<String, String> byName = new LinkedHashMap<>();
        RULES.forEach((key, rule) -> {
            if (keys.test(key)) {
                boolean environmentOnly = key.startsWith("LOADER_");
                String value = environmentOnly ? props.environment(key) : value(props, key);
                String refusal = value == null ? null : rule.refusal(value);
                if (refusal != null) {
                    String name = environmentOnly ? key : props.nameOf(key);
                    // a key whose default is another key's value (loader.openlineage.poll-ms) names the same variable
                    byName.putIfAbsent(name, name + " " + shown(value) + " " + refusal);
                }
            }
        });
        if (keys.test("loader.lease.heartbeat-seconds")) {
            heartbeatWithinLease(props, byName);
        }
        if (keys.test("loader.dir.landing")) {
            directoriesAtLanding(props, byName);
        }
        return new ArrayList<>(byName.values());
    }

    private static void heartbeatWithinLease(LoaderProperties props, Map<String, String> byName) {
        String heartbeat = value(props, "loader.lease.heartbeat-seconds");
        String lease = value(props, "loader.lease.seconds");
        if (RULES.get("loader.lease.heartbeat-seconds").refusal(heartbeat) == null && RULES.get("loader.lease.seconds").refusal(lease) == null
                && Long.parseLong(heartbeat) >= Long.parseLong(lease)) {
            String name = props.nameOf("loader.lease.heartbeat-seconds");
            byName.putIfAbsent(name, name + " " + shown(heartbeat) + " must be less than " + props.nameOf("loader.lease.seconds") + " ("
                    + lease + "): the lease is renewed once a heartbeat and would expire between two");
        }
    }

    private static void directoriesAtLanding(LoaderProperties props, Map<String, String> byName) {
        Directories d;
        try {
            d = new Directories(path(props, "landing"), path(props, "inprocess"), path(props, "archive-load"),
                    path(props, "archive-trigger"), path(props, "error"), path(props, "reports"), path(props, "work"));
        } catch (InvalidPathException e) {
            return; // named by the directories' own rule
        }
        for (String key : d.keysAtLanding()) {
            String name = props.nameOf(key);
            byName.putIfAbsent(name, name + " " + shown(value(props, key)) + " must not be the landing directory ("
                    + props.nameOf("loader.dir.landing") + "): files moved there would stay in landing and be loaded again by every run");
        }
    }

    private static Path path(LoaderProperties props, String directory) {
        return Path.of(value(props, "loader.dir." + directory));
    }

    private static String value(LoaderProperties props, String key) {
        return props.get(key, "");
    }

    /** The value, quoted, control characters escaped, cut. */
    private static String shown(String value) {
        return "\"" + TextCut.atMost(ControlCharacters.escaped(value), VALUE_SHOWN, "...") + "\"";
    }

    private static Map<String, Rule> rules() {
        Map<String, Rule> r = new LinkedHashMap<>();
        r.put("LOADER_LOG_FORMAT", v -> v.equals("text") || v.equals("json") ? null : "must be text or json (lower case)");
        r.put("LOADER_LOG_LEVEL", v -> LOG_LEVELS.contains(v.strip().toUpperCase(Locale.ROOT)) ? null
                : "must be one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL");
        for (String d : DIRECTORIES) {
            r.put("loader.dir." + d, SettingsCheck::aPath);
        }
        r.put("loader.streams-dir", SettingsCheck::aPath);
        r.put("loader.instance.name", SettingsCheck::instanceName);
        r.put("loader.jmx.remote.enabled", SettingsCheck::bool);
        r.put("loader.jmx.remote.port", whole(1, 65535));
        r.put("loader.http.port", whole(0, 65535));
        // {{loader.http.port}} unless set itself; when it is not, a bad value is named once, as the variable set
        r.put("camel.server.port", whole(0, 65535));
        r.put("loader.db.pool-size", whole(1, INT_MAX));
        r.put("loader.db.init-retry-seconds", whole(1, INT_MAX));
        r.put("loader.duckdb.threads", whole(0, INT_MAX));
        r.put("loader.triggers.enabled", SettingsCheck::bool);
        r.put("loader.trigger.quiet-period-ms", whole(0, INT_MAX));
        r.put("loader.trigger.poll-delay-ms", whole(1, INT_MAX));
        r.put("loader.files.settle-ms", whole(0, INT_MAX));
        r.put("loader.files.settle-max-wait-ms", whole(0, INT_MAX));
        r.put("loader.sweep.enabled", SettingsCheck::bool);
        r.put("loader.sweep.cron", SettingsCheck::cron);
        r.put("loader.lease.seconds", whole(1, INT_MAX));
        r.put("loader.lease.heartbeat-seconds", whole(1, INT_MAX));
        r.put("loader.shutdown.timeout-seconds", whole(1, INT_MAX));
        r.put("loader.pipeline.batch-rows", whole(1, INT_MAX));
        r.put("loader.pipeline.queue-batches", whole(1, INT_MAX));
        r.put("loader.pipeline.max-line-bytes", whole(1, INT_MAX));
        r.put("loader.unit.max-attempts", whole(1, INT_MAX));
        r.put("loader.unit.max-rejects", whole(0, Long.MAX_VALUE));
        r.put("loader.unit.max-bytes", whole(1, Long.MAX_VALUE));
        // 0: a progress line at every checkpoint of the reader (RunLoggingTest uses it)
        r.put("loader.progress.every-seconds", whole(0, INT_MAX));
        r.put("loader.retention.days", whole(0, INT_MAX));
        r.put("loader.housekeeping.enabled", SettingsCheck::bool);
        r.put("loader.housekeeping.cron", SettingsCheck::cron);
        r.put("loader.late-feeds.enabled", SettingsCheck::bool);
        r.put("loader.late-feeds.cron", SettingsCheck::cron);
        r.put("loader.outbox.enabled", SettingsCheck::bool);
        r.put("loader.outbox.poll-ms", whole(1, INT_MAX));
        r.put("loader.outbox.batch-size", whole(1, INT_MAX));
        r.put("loader.outbox.max-attempts", whole(1, INT_MAX));
        r.put("loader.outbox.backoff-initial-seconds", whole(0, INT_MAX));
        r.put("loader.outbox.backoff-multiplier", SettingsCheck::multiplier);
        r.put("loader.outbox.backoff-max-seconds", whole(0, INT_MAX));
        r.put("loader.outbox.claim-seconds", whole(1, INT_MAX));
        r.put("loader.openlineage.timeout-ms", whole(1, INT_MAX));
        r.put("loader.openlineage.poll-ms", whole(1, INT_MAX));
        r.put("loader.smtp.port", whole(1, 65535));
        r.put("loader.smtp.tls", SettingsCheck::smtpTls);
        r.put("loader.smtp.timeout-ms", whole(1, INT_MAX));
        r.put("loader.mail.max-attachment-bytes", whole(0, Long.MAX_VALUE));
        return r;
    }

    private static Rule whole(long min, long max) {
        String allowed = "must be a whole number from " + min + " to " + max;
        return v -> {
            try {
                long n = Long.parseLong(v);
                return n < min || n > max ? allowed : null;
            } catch (NumberFormatException e) {
                return allowed;
            }
        };
    }

    private static String bool(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null : "must be true or false";
    }

    private static String cron(String v) {
        return CronExpression.isValidExpression(v) ? null
                : "must be a Quartz cron expression: seconds minutes hours day-of-month month day-of-week [year], e.g. 0 0/15 * * * ?";
    }

    private static String multiplier(String v) {
        try {
            double m = Double.parseDouble(v);
            return Double.isFinite(m) && m >= 1 ? null : "must be a number of at least 1";
        } catch (NumberFormatException e) {
            return "must be a number of at least 1";
        }
    }

    private static String smtpTls(String v) {
        try {
            SmtpSecurity.of(v);
            return null;
        } catch (IllegalArgumentException e) {
            return "must be none, starttls or smtps";
        }
    }

    private static String aPath(String v) {
        try {
            Path.of(v);
            return v.isBlank() ? "must name a directory" : null;
        } catch (InvalidPathException e) {
            return "must be a path: " + e.getReason();
        }
    }

    private static String instanceName(String v) {
        if (v.length() > Owner.MAX_INSTANCE_NAME) {
            return "must be at most " + Owner.MAX_INSTANCE_NAME + " characters (it goes into OWNER_ID with pid and boot id), not "
                    + v.length();
        }
        return v.chars().anyMatch(Character::isISOControl) ? "must not hold control characters (it is printed by status and logged)"
                : null;
    }
}
