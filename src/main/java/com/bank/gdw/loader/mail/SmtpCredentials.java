package com.bank.gdw.loader.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The SMTP login, taken from the environment only so it is never in a properties file: LOADER_SMTP_USER with
 * LOADER_SMTP_PASSWORD, or with LOADER_SMTP_PASSWORD_FILE naming a secrets file (Docker/Kubernetes secrets) that holds
 * the password. No user means no authentication. The password is never part of toString().
 */
public final class SmtpCredentials {

    public static final String USER = "LOADER_SMTP_USER";
    public static final String PASSWORD = "LOADER_SMTP_PASSWORD";
    public static final String PASSWORD_FILE = "LOADER_SMTP_PASSWORD_FILE";

    private static final SmtpCredentials NONE = new SmtpCredentials(null, null);

    private final String user;
    private final String password;

    private SmtpCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    public static SmtpCredentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static SmtpCredentials fromEnvironment(Map<String, String> env) {
        String user = blankToNull(env.get(USER));
        String password = blankToNull(env.get(PASSWORD));
        String file = blankToNull(env.get(PASSWORD_FILE));
        if (password != null && file != null) {
            throw new IllegalArgumentException("set either " + PASSWORD + " or " + PASSWORD_FILE + ", not both");
        }
        if (file != null) {
            password = read(Path.of(file));
        }
        if (user == null && password == null) {
            return NONE;
        }
        if (user == null || password == null) {
            throw new IllegalArgumentException(user == null
                    ? "an SMTP password is set but no " + USER
                    : USER + " is set but neither " + PASSWORD + " nor " + PASSWORD_FILE);
        }
        return new SmtpCredentials(user, password);
    }

    private static String read(Path file) {
        try {
            // a secrets file usually ends with a line break that is not part of the password
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException("the SMTP password file " + file + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the SMTP password file " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** True when the server is to be logged in to. */
    public boolean present() {
        return user != null;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return present() ? "SMTP login " + user + " (password from the environment)" : "no SMTP login";
    }
}
