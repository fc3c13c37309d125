package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.bank.gdw.loader.stream.StreamCatalog;

/**
 * The loader's properties read the way Camel main reads them, for the commands that must not start Camel
 * ({@code status}): {@code application.properties} from the classpath, each key overridden by a JVM system property
 * of the same name or an environment variable named after it (upper case, dots and dashes as underscores), and the
 * placeholders {@code {{key}}}, {@code {{key:default}}} and {@code {{env:NAME:default}}} resolved.
 */
final class LoaderProperties {

    private static final int MAX_DEPTH = 20;
    /** A value that is one placeholder: {{env:NAME}}, {{env:NAME:default}}, {{key}} or {{key:default}}. */
    private static final Pattern ONE_PLACEHOLDER = Pattern.compile("\\{\\{(env:)?([A-Za-z0-9_.-]+)(:[^}]*)?}}");

    private final Properties file;
    private final Map<String, String> env;
    private final Properties system;

    LoaderProperties(Properties file, Map<String, String> env, Properties system) {
        this.file = file;
        this.env = env;
        this.system = system;
    }

    /** The packaged application.properties, this process's environment and system properties. */
    static LoaderProperties load() {
        Properties p = new Properties();
        try (InputStream in = LoaderProperties.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties: " + e.getMessage(), e);
        }
        return new LoaderProperties(p, System.getenv(), System.getProperties());
    }

    /**
     * The stream definitions a command would load (loader.streams-dir, else the packaged ones), read without starting
     * it. A folder the user named (LOADER_STREAMS_DIR, the key as a system property) must exist and hold definitions:
     * only the default folder may be absent, the packaged definitions standing in for it.
     */
    StreamCatalog streams() {
        String key = "loader.streams-dir";
        Path folder = Path.of(get(key, "config/streams"));
        if (setAs(key, 0) != null) {
            String problem = StreamCatalog.folderProblem(folder);
            if (problem != null) {
                throw new ConfigurationException(problem + " (" + nameOf(key) + ")", null);
            }
        }
        return StreamCatalog.load(folder, UnaryOperator.identity());
    }

    /** The resolved value of a key, or {@code fallback} when no source sets it. */
    String get(String key, String fallback) {
        String raw = raw(key);
        return raw == null ? fallback : resolve(raw, 0);
    }

    int getInt(String key, int fallback) {
        String v = get(key, null);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    /**
     * The name under which the user set a key, for messages: the key when it is a JVM system property, else the
     * LOADER_* variable that sets it (directly, or through a value that is one placeholder, {{env:NAME:..}} or
     * {{other.key}}), else the key (its value comes from application.properties).
     */
    String nameOf(String key) {
        String set = setAs(key, 0);
        return set != null ? set : key;
    }

    /** The system property or variable the user set a key by, or null when its value is application.properties'. */
    private String setAs(String key, int depth) {
        if (system.getProperty(key) != null) {
            return key;
        }
        if (env.get(environmentName(key)) != null) {
            return environmentName(key);
        }
        String v = file.getProperty(key);
        Matcher m = v == null || depth > MAX_DEPTH ? null : ONE_PLACEHOLDER.matcher(v.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        if (m.group(1) != null) {
            return env.get(m.group(2)) != null ? m.group(2) : null;
        }
        return setAs(m.group(2), depth + 1);
    }

    /** A variable of the environment read directly, not through a key (LOADER_LOG_FORMAT); null when unset. */
    String environment(String name) {
        return env.get(name);
    }

    private String raw(String key) {
        String v = system.getProperty(key);
        if (v == null) {
            v = env.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return v != null ? v : file.getProperty(key);
    }

    private String resolve(String value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConfigurationException("property placeholders nest too deep (a cycle?) in " + value, null);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int open = value.indexOf("{{", from);
            if (open < 0) {
                return out.append(value, from, value.length()).toString();
            }
            int close = value.indexOf("}}", open);
            if (close < 0) {
                throw new ConfigurationException("unclosed property placeholder in " + value, null);
            }
            out.append(value, from, open).append(placeholder(value.substring(open + 2, close), depth));
            from = close + 2;
        }
    }

    private String placeholder(String expression, int depth) {
        if (expression.startsWith("env:")) {
            String rest = expression.substring(4);
            int colon = rest.indexOf(':');
            String name = colon < 0 ? rest : rest.substring(0, colon);
            String v = env.get(name);
            if (v == null) {
                v = colon < 0 ? "" : rest.substring(colon + 1);
            }
            return resolve(v, depth + 1);
        }
        int colon = expression.indexOf(':');
        String key = colon < 0 ? expression : expression.substring(0, colon);
        String v = raw(key);
        if (v == null) {
            if (colon < 0) {
                throw new ConfigurationException("property " + key + " is not set", null);
            }
            v = expression.substring(colon + 1);
        }
        return resolve(v, depth + 1);
    }

    /** The keys of the packaged application.properties: the keys the loader knows. */
    java.util.Set<String> packagedKeys() {
        return new java.util.TreeSet<>(file.stringPropertyNames());
    }

    /** Environment variable names the packaged file reads through {{env:NAME}} placeholders. */
    java.util.Set<String> environmentReferences() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{env:([A-Za-z0-9_]+)").matcher("");
        for (String k : file.stringPropertyNames()) {
            m.reset(file.getProperty(k));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The loader.* keys set as JVM system properties. */
    java.util.Set<String> systemKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (String k : system.stringPropertyNames()) {
            if (k.startsWith("loader.")) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** The LOADER_* environment variable names of this process. */
    java.util.Set<String> environmentNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String k : env.keySet()) {
            if (k.startsWith("LOADER_")) {
                names.add(k);
            }
        }
        return names;
    }

    /** The environment variable name Camel main maps to a key. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
