package com.bank.gdw.loader.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A load the database holds up, as an operator sees it: the stream's JMX attribute, the API, the metrics and the
 * dashboard say how long the load has waited for the database, and show 0 again once rows flow. A real `serve` in its own JVM, its
 * writer held at its third batch (as by a lock on the table or a stalled server) until the test lets it go.
 */
class DatabaseWaitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void jmx_the_api_the_metrics_and_the_dashboard_show_how_long_the_database_has_held_the_load_up() throws Exception {
        Path data = RunningLoader.freshDataDir("DatabaseWait");
        Path fault = data.resolve("fault");
        int httpPort = FreePorts.next();
        int jmxPort = FreePorts.next();
        Path secrets = data.resolve("jmx.password");
        Files.writeString(secrets, "operator wait-test-secret\n");
        Map<String, String> props = new HashMap<>(ChildLoader.quickServe(data));
        props.put("loader.http.port", String.valueOf(httpPort));
        ChildLoader.withRemoteJmx(props, jmxPort, secrets);
        props.put("loader.fault.pause-at", "mid-write");
        props.put("loader.fault.dir", fault.toString());
        String base = "http://127.0.0.1:" + httpPort;

        try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), props, Map.of(), "serve")) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get(base + "/observe/health/ready").statusCode() == 200);
            StreamDefinition s = StreamCatalog.load(Path.of("config/streams"), v -> v).get(RunningLoader.STREAM);
            FeedGenerator.Generated unit = new FeedGenerator(s).generate(data.resolve("landing"), "BCFINSG_CA",
                    LocalDate.of(2026, 7, 1), 100_000, 0.0);
            assertThat(serve.awaitFile(fault.resolve("mid-write.reached"), Duration.ofMinutes(2))).as(serve.output()).isTrue();
            Instant held = Instant.now();

            // the API: how long, in whole seconds, beside the rows read so far
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(live(base).path("databaseWaitSeconds").asLong()).isGreaterThanOrEqualTo(2));
            assertThat(live(base).path("currentUnit").asText()).isEqualTo("BCFINSG_CA");
            assertThat(live(base).path("rowsDone").asLong()).isPositive();
            // JMX, over a remote connection as an operator's console makes it
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            try (JMXConnector connector = JMXConnectorFactory.connect(url,
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"operator", "wait-test-secret"}))) {
                MBeanServerConnection jmx = connector.getMBeanServerConnection();
                ObjectName stream = new ObjectName("com.bank.gdw.loader:type=Stream,name=" + RunningLoader.STREAM);
                long seconds = (Long) jmx.getAttribute(stream, "DatabaseWaitSeconds");
                assertThat(seconds).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(Duration.between(held, Instant.now()).toSeconds() + 2);
            }
            // Prometheus
            String scrape = get(base + "/observe/metrics").body();
            assertThat(scrape).containsPattern("(?m)^loader_unit_database_wait_seconds\\{stream=\"bcfinsg\"\\} [1-9]");
            // the dashboard, as Chromium renders it
            String dom = DashboardTest.renderedDom(base + "/dashboard/");
            assertThat(dom).containsPattern("<dt>Waiting for the database</dt><dd>\\d+ s</dd>");

            Files.createFile(fault.resolve("mid-write.release"));

            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(lastRunStatus(base)).isEqualTo("COMPLETED"));
            assertThat(live(base).path("databaseWaitSeconds").asLong()).isZero();
            assertThat(Files.exists(data.resolve("archive/outbound").resolve(unit.loadFile().getFileName()))).isTrue();
            assertThat(DashboardTest.renderedDom(base + "/dashboard/")).doesNotContain("Waiting for the database");
        }
    }

    private static JsonNode live(String base) throws IOException, InterruptedException {
        return stream(base).path("live");
    }

    private static String lastRunStatus(String base) throws IOException, InterruptedException {
        return stream(base).path("lastRun").path("status").asText();
    }

    private static JsonNode stream(String base) throws IOException, InterruptedException {
        HttpResponse<String> r = get(base + "/api/streams");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get(0);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
