package com.bank.gdw.loader.ops;
import com.bank.gdw.loader.testkit.FreePorts;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness is DOWN, over HTTP, while the DCF database or the target database does not answer (each case on its own);
 * liveness stays UP (a restart would not help).
 */
@ParameterizedClass(name = "{0} unreachable")
@EnumSource(ReadinessTest.Dead.class)
class ReadinessTest {

    /** Which database nothing answers for: a PostgreSQL URL on a port where nothing listens; the other one is embedded. */
    enum Dead { DCF, TARGET }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningLoader loader;

    @Parameter
    Dead dead;

    @BeforeParameterizedClassInvocation
    static void start(Dead dead) {
        String deadUrl = "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/gdw";
        String embedded = "jdbc:duckdb:" + RunningLoader.freshDataDir("readiness-" + dead).resolve("other.duckdb");
        loader = RunningLoader.start("ReadinessTest-" + dead, Map.of(
                "loader.db.url", dead == Dead.DCF ? deadUrl : embedded,
                "loader.db.user", dead == Dead.DCF ? "loader" : "",
                "loader.target.url", dead == Dead.TARGET ? deadUrl : embedded.replace("other.duckdb", "target.duckdb"),
                "loader.target.user", dead == Dead.TARGET ? "loader" : ""));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (loader != null) {
            loader.close();
        }
    }

    /** GET /observe/health/ready answers 503 DOWN naming the unreachable database; the other is reported reachable. */
    @Test
    void readiness_is_down_while_a_database_is_unreachable() throws Exception {
        HttpResponse<String> ready = get("/observe/health/ready?data=true");
        HttpResponse<String> live = get("/observe/health/live");

        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        JsonNode check = null;
        for (JsonNode c : body.path("checks")) {
            if (c.path("name").asText().equals("databases")) {
                check = c;
            }
        }
        assertThat(check).as("databases check in %s", ready.body()).isNotNull();
        assertThat(check.path("status").asText()).isEqualTo("DOWN");
        assertThat(check.path("message").asText())
                .isEqualTo(dead == Dead.DCF ? "DCF database (POSTGRESQL) unreachable" : "target database (POSTGRESQL) unreachable");
        assertThat(check.path("data").path("dcf.reachable").asText()).as(check.toString()).isEqualTo(String.valueOf(dead != Dead.DCF));
        assertThat(check.path("data").path("target.reachable").asText()).isEqualTo(String.valueOf(dead != Dead.TARGET));
        assertThat(check.path("data").path("databases.ready").asText()).as("migrations, streams, target tables done").isEqualTo("false");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
    }

    /**
     * The JSON API needs the loader's databases (operations.md): while one does not answer, also before the loader
     * could initialize, it is 503 with the reason as JSON (come back later), not a 500 without a body.
     */
    @Test
    void the_api_answers_503_with_the_reason_while_a_database_is_unreachable() throws Exception {
        // given the loader serving with one database unreachable since its start

        // when a client asks for the streams
        long asked = System.nanoTime();
        HttpResponse<String> streams = get("/api/streams");
        long waitedMs = (System.nanoTime() - asked) / 1_000_000;

        // then it is told to come back, and why, at once: the request does not wait out a connection timeout to a
        // database the loader already knows is not ready (a dashboard polling it would hang)
        assertThat(streams.statusCode()).as(streams.body()).isEqualTo(503);
        assertThat(waitedMs).as("ms until the 503").isLessThan(3_000);
        assertThat(streams.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(JSON.readTree(streams.body()).path("error").asText()).isNotBlank();
    }

    /** The stream's MBean answers a JMX console at once with UNKNOWN where the DCF tables would tell. */
    @Test
    void the_stream_mbean_says_unknown_at_once_while_a_database_is_unreachable() throws Exception {
        ObjectName stream = new ObjectName("com.bank.gdw.loader:type=Stream,name=" + RunningLoader.STREAM);

        long asked = System.nanoTime();
        Object status = ManagementFactory.getPlatformMBeanServer().getAttribute(stream, "Status");
        Object holder = ManagementFactory.getPlatformMBeanServer().getAttribute(stream, "LeaseHolder");
        long waitedMs = (System.nanoTime() - asked) / 1_000_000;

        assertThat(status).isEqualTo("UNKNOWN");
        assertThat(holder).isEqualTo("UNKNOWN");
        assertThat(waitedMs).as("ms until both attributes answered").isLessThan(3_000);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(loader.baseUrl() + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
