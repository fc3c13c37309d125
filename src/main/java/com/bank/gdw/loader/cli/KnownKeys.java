package com.bank.gdw.loader.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the loader.* keys (JVM system properties) and LOADER_* variables (environment) the loader does not know,
 * each with the closest known key: known are the keys of the packaged application.properties, the variables it reads
 * through {{env:..}}, the per-stream mail recipients and the secrets read from the environment only.
 */
final class KnownKeys {

    /** Read from the environment directly, never through a property. */
    private static final Set<String> ENVIRONMENT_ONLY = Set.of("LOADER_SMTP_USER", "LOADER_SMTP_PASSWORD", "LOADER_SMTP_PASSWORD_FILE",
            "LOADER_JMX_USER", "LOADER_JMX_PASSWORD", "LOADER_JMX_REMOTE_PASSWORD_FILE", "LOADER_LOG_FORMAT", "LOADER_LOG_LEVEL");
    private static final Pattern PER_STREAM_MAIL = Pattern.compile("loader\\.mail\\.[a-z0-9_]+\\.(report|failure)-to");
    private static final Pattern PER_STREAM_MAIL_ENV = Pattern.compile("LOADER_MAIL_[A-Z0-9_]+_(REPORT|FAILURE)_TO");

    private KnownKeys() {
    }

    /** One message per unknown key: "unknown key X; did you mean Y?". */
    static List<String> unknown(LoaderProperties props) {
        Set<String> keys = props.packagedKeys();
        Set<String> envNames = new TreeSet<>(props.environmentReferences());
        envNames.addAll(ENVIRONMENT_ONLY);
        keys.forEach(k -> envNames.add(LoaderProperties.environmentName(k)));
        List<String> problems = new ArrayList<>();
        for (String k : props.systemKeys()) {
            if (!keys.contains(k) && !PER_STREAM_MAIL.matcher(k).matches()) {
                problems.add("unknown configuration key " + k + "; did you mean " + closest(k, keys) + "?");
            }
        }
        for (String v : props.environmentNames()) {
            if (!envNames.contains(v) && !PER_STREAM_MAIL_ENV.matcher(v).matches() && !v.startsWith("LOADER_BENCH_")) {
                problems.add("unknown configuration variable " + v + "; did you mean " + closest(v, envNames) + "?");
            }
        }
        return problems;
    }

    static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
