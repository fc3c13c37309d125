package com.bank.gdw.loader.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness is DOWN, over HTTP, while the DCF database does not answer; liveness stays UP (a restart would not help). */
class ReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningLoader loader;

    @BeforeAll
    static void start() {
        // nothing listens there: the DCF database is unreachable from the first second; the target is embedded
        int deadPort = RunningLoader.freePort();
        Path target = RunningLoader.freshDataDir("readiness-target").resolve("target.duckdb");
        loader = RunningLoader.start("ReadinessTest", Map.of(
                "loader.db.url", "jdbc:postgresql://127.0.0.1:" + deadPort + "/dcf",
                "loader.db.user", "loader",
                "loader.target.url", "jdbc:duckdb:" + target));
    }

    @AfterAll
    static void stop() {
        if (loader != null) {
            loader.close();
        }
    }

    /** GET /observe/health/ready answers 503 DOWN naming the unreachable DCF database; the target is reported reachable. */
    @Test
    void readiness_is_down_while_the_dcf_database_is_unreachable() throws Exception {
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
        assertThat(check.path("message").asText()).isEqualTo("DCF database (POSTGRESQL) unreachable");
        assertThat(check.path("data").path("dcf.reachable").asText()).as(check.toString()).isEqualTo("false");
        assertThat(check.path("data").path("target.reachable").asText()).isEqualTo("true");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(loader.baseUrl() + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
