package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

/**
 * Refuses {@code serve} before Camel starts when its HTTP port (health, metrics, API, dashboard) is held by another
 * process (the number itself is {@link SettingsCheck}'s, which runs first). Camel 4.18 offers no way to fail here: its Vert.x server
 * (camel-platform-http-main) throws a failed bind inside Vert.x's listen callback, where it is logged as a WARN and
 * lost, and the context starts without the server, while the container's health check and {@code status} would ask
 * the other process. So the port is bound once and let go just before Camel binds it; port 0 (any free port) is left
 * to Camel.
 */
final class HttpPortCheck {

    private static final String PORT_KEY = "camel.server.port";

    private HttpPortCheck() {
    }

    /**
     * Throws a one-line {@link ConfigurationException} naming the key when Camel's HTTP server could not bind. The
     * port's value has passed {@link SettingsCheck} (a whole number from 0 to 65535).
     */
    static void check(LoaderProperties props) {
        if (!Boolean.parseBoolean(props.get("camel.server.enabled", "false").trim())) {
            return;
        }
        int port = Integer.parseInt(props.get(PORT_KEY, "8080").trim());
        String name = props.nameOf(PORT_KEY);
        if (port == 0) {
            return;
        }
        String host = props.get("camel.server.host", "0.0.0.0").trim();
        try (ServerSocket socket = new ServerSocket()) {
            // as Vert.x binds: a port the previous serve left in TIME_WAIT is free to it, and so it must be here
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage());
            throw new ConfigurationException(why.toLowerCase(Locale.ROOT).contains("in use")
                    ? name + " " + port + " is in use by another process (on " + host + ")"
                    : name + " " + port + " cannot be bound on " + host + ": " + why, e);
        }
    }
}
