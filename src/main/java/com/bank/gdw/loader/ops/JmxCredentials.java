package com.bank.gdw.loader.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may connect to the remote JMX port: one user from the environment (LOADER_JMX_USER, LOADER_JMX_PASSWORD) and/or
 * the users of a secrets file in the JDK's jmxremote.password format ("user password" per line, # comments). Never
 * read from application.properties, and never printed: {@link #toString()} names the users only.
 */
public final class JmxCredentials {

    public static final String USER_VARIABLE = "LOADER_JMX_USER";
    public static final String PASSWORD_VARIABLE = "LOADER_JMX_PASSWORD";

    private final Map<String, byte[]> passwords;

    private JmxCredentials(Map<String, byte[]> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** The credentials of the environment and of the secrets file (null or blank: none); fails on a half-given pair or a bad file. */
    public static JmxCredentials from(Map<String, String> environment, String secretsFile) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        String user = blankToNull(environment.get(USER_VARIABLE));
        String password = blankToNull(environment.get(PASSWORD_VARIABLE));
        if ((user == null) != (password == null)) {
            throw new IllegalStateException("remote JMX: set both " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ", or neither");
        }
        if (user != null) {
            found.put(user, password.getBytes(StandardCharsets.UTF_8));
        }
        if (blankToNull(secretsFile) != null) {
            found.putAll(readFile(Path.of(secretsFile.trim())));
        }
        return new JmxCredentials(found);
    }

    private static Map<String, byte[]> readFile(Path file) {
        Map<String, byte[]> users = new LinkedHashMap<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+", 2);
                if (parts.length != 2 || parts[1].isBlank()) {
                    // the line is not echoed: it may hold a password
                    throw new IllegalStateException("remote JMX: line " + n + " of " + file + " is not \"user password\"");
                }
                users.put(parts[0], parts[1].strip().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("remote JMX: cannot read the secrets file " + file + ": " + e.getMessage(), e);
        }
        return users;
    }

    public boolean isEmpty() {
        return passwords.isEmpty();
    }

    public int size() {
        return passwords.size();
    }

    /** True when the user exists and the password is its own; compared in constant time. */
    public boolean accepts(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        byte[] expected = passwords.get(user);
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        return expected != null && MessageDigest.isEqual(expected, given);
    }

    @Override
    public String toString() {
        return passwords.size() + " user(s) " + passwords.keySet();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
