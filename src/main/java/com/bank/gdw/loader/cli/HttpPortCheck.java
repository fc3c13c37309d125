package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

/**
 * Refuses {@code serve} before Camel starts when its HTTP port (health, metrics, API, dashboard) cannot be had: out of
 * range, or held by another process. Camel 4.18 offers no way to fail here: its Vert.x server
 * (camel-platform-http-main) throws a failed bind inside Vert.x's listen callback, where it is logged as a WARN and
 * lost, and the context starts without the server, while the container's health check and {@code status} would ask
 * the other process. So the port is bound once and let go just before Camel binds it; port 0 (any free port) is left
 * to Camel.
 */
final class HttpPortCheck {

    private static final String PORT_KEY = "loader.http.port";

    private HttpPortCheck() {
    }

    /** Throws a one-line {@link ConfigurationException} naming the key when Camel's HTTP server could not bind. */
    static void check(LoaderProperties props) {
        if (!Boolean.parseBoolean(props.get("camel.server.enabled", "false").trim())) {
            return;
        }
        String value = props.get("camel.server.port", "8080").trim();
        // camel.server.port is {{loader.http.port}} unless set itself: the message names the key that was set
        String key = value.equals(props.get(PORT_KEY, "").trim()) ? LoaderProperties.environmentName(PORT_KEY) : "camel.server.port";
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException(key + " " + value + " must be a port number 1-65535 (0: any free port)", null);
        }
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
                    ? key + " " + port + " is in use by another process (on " + host + ")"
                    : key + " " + port + " cannot be bound on " + host + ": " + why, e);
        }
    }
}
