package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.StreamFolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Camel of the one-shot commands (run, validate, replay): the configuration serve has, with every schedule
 * and server left out, even where the configuration asks for them.
 */
class CamelSessionTest {

    private static final String[] SETTINGS = {"loader.data-dir", "loader.streams-dir", "loader.http.port",
            "loader.triggers.enabled", "loader.housekeeping.enabled", "loader.late-feeds.enabled", "loader.outbox.enabled",
            "loader.jmx.remote.enabled", "loader.jmx.remote.port", "camel.server.enabled"};

    @TempDir
    Path root;
    private int port;

    @BeforeEach
    void settings() throws IOException {
        // a stream that declares when its files are due: serve would check it on the late-feeds schedule
        Path streams = StreamFolder.packagedStreamWithDue(root, """
                due:
                  units: [BCFINSG_CA]
                  by: "06:00"
                  zone: UTC
                """).getParent();
        port = FreePorts.next();
        System.setProperty("loader.data-dir", root.resolve("data").toString());
        System.setProperty("loader.streams-dir", streams.toString());
        System.setProperty("loader.http.port", String.valueOf(port));
    }

    @AfterEach
    void clear() {
        for (String key : SETTINGS) {
            System.clearProperty(key);
        }
    }

    @Test
    void a_one_shot_command_starts_no_quartz_schedule_and_no_http_server() {
        // given the packaged configuration (housekeeping, late-feed alerts and the HTTP server on) and a stream declaring due:

        // when a one-shot command starts its Camel
        try (CamelSession session = CamelSession.start()) {
            CamelContext camel = session.context();

            // then no route consumes a schedule or HTTP, Quartz was never started, and nothing listens on the port
            assertThat(camel.getRoutes()).extracting(Route::getEndpoint).extracting(e -> e.getEndpointUri())
                    .noneMatch(uri -> uri.startsWith("quartz:") || uri.startsWith("platform-http:"))
                    .contains("direct://housekeeping");
            assertThat(camel.hasComponent("quartz")).isNull();
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                }
            }).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void what_serve_is_told_to_switch_on_stays_off_in_a_one_shot_command() {
        // given an environment written for serve: every schedule, the outbox, the triggers, the HTTP server and remote
        // JMX switched on explicitly (system properties outrank the configuration file exactly as environment variables do)
        int jmxPort = FreePorts.next();
        System.setProperty("loader.triggers.enabled", "true");
        System.setProperty("loader.housekeeping.enabled", "true");
        System.setProperty("loader.late-feeds.enabled", "true");
        System.setProperty("loader.outbox.enabled", "true");
        System.setProperty("loader.jmx.remote.enabled", "true");
        System.setProperty("loader.jmx.remote.port", String.valueOf(jmxPort));
        System.setProperty("camel.server.enabled", "true");

        // when a one-shot command starts its Camel in it
        try (CamelSession session = CamelSession.start()) {
            CamelContext camel = session.context();

            // then it is still the one-shot Camel: no file, schedule or HTTP consumer, no Quartz, the outbox routes
            // stopped, and neither the HTTP nor the remote JMX port open
            assertThat(camel.getRoutes()).extracting(Route::getEndpoint).extracting(e -> e.getEndpointUri())
                    .noneMatch(uri -> uri.startsWith("quartz:") || uri.startsWith("platform-http:") || uri.startsWith("file:"));
            assertThat(camel.hasComponent("quartz")).isNull();
            for (String outbox : new String[] {"outbox-delivery", "lineage-delivery"}) {
                ServiceStatus status = camel.getRouteController().getRouteStatus(outbox);
                assertThat(status == null || !status.isStarted()).as("%s started: %s", outbox, status).isTrue();
            }
            for (int p : new int[] {port, jmxPort}) {
                assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", p), 1000);
                    }
                }).as("port %d", p).isInstanceOf(ConnectException.class);
            }
        }
    }
}
