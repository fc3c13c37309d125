package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.FreePorts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * serve's HTTP port is checked before Camel starts: one another process holds is refused in one line naming the key
 * (its number is SettingsCheck's, SettingsCheckTest).
 */
class HttpPortCheckTest {

    /** The packaged keys of the HTTP server, with LOADER_HTTP_PORT as given. */
    private static LoaderProperties serverOn(String port) {
        Properties file = new Properties();
        file.setProperty("camel.server.enabled", "true");
        file.setProperty("camel.server.host", "0.0.0.0");
        file.setProperty("camel.server.port", "{{loader.http.port}}");
        file.setProperty("loader.http.port", "8080");
        return new LoaderProperties(file, Map.of("LOADER_HTTP_PORT", port), new Properties());
    }

    @Test
    void a_port_another_process_listens_on_is_refused_naming_the_key_and_the_port() throws IOException {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = other.getLocalPort();

            assertThatThrownBy(() -> HttpPortCheck.check(serverOn(String.valueOf(port))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("LOADER_HTTP_PORT " + port + " is in use by another process (on 0.0.0.0)");
        }
    }

    @Test
    void a_free_port_and_port_0_pass_and_stay_free() throws IOException {
        int port = FreePorts.next();

        assertThatCode(() -> HttpPortCheck.check(serverOn(String.valueOf(port)))).doesNotThrowAnyException();
        assertThatCode(() -> HttpPortCheck.check(serverOn("0"))).doesNotThrowAnyException();

        // let go again, for Camel to bind
        try (ServerSocket camel = new ServerSocket()) {
            camel.bind(new InetSocketAddress("0.0.0.0", port));
        }
    }

    @Test
    void nothing_is_checked_when_the_http_server_is_off() throws IOException {
        try (ServerSocket other = new ServerSocket(0)) {
            Properties file = new Properties();
            file.setProperty("camel.server.enabled", "false");
            file.setProperty("camel.server.port", String.valueOf(other.getLocalPort()));

            assertThatCode(() -> HttpPortCheck.check(new LoaderProperties(file, Map.of(), new Properties()))).doesNotThrowAnyException();
        }
    }
}
