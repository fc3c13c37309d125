package com.bank.gdw.loader.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.camel.RunRequest;
import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.StreamRegistry;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.dcf.UnitRecord;
import com.bank.gdw.loader.feed.FeedGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** After a load, one HTTP port answers health, Prometheus metrics and the JSON API with the figures of that load. */
class HttpOperationsTest {

    private static final LocalDate DATE = LocalDate.of(2026, 4, 1);
    private static final LocalDate REFUSED_DATE = LocalDate.of(2026, 4, 2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningLoader loader;
    private static List<FeedGenerator.Generated> files;
    private static RunRecord run;

    @BeforeAll
    static void load() {
        loader = RunningLoader.start("HttpOperationsTest", Map.of());
        files = loader.drop(DATE, 800);
        await().atMost(Duration.ofSeconds(60)).until(() -> loader.completedRun(DATE).isPresent());
        run = loader.completedRun(DATE).orElseThrow();
        // and one refused run request, for the REFUSED series
        var dcf = loader.loader().dcf();
        dcf.jdbi().useHandle(h -> dcf.streams().setStatus(h, loader.stream().id(), StreamRegistry.INACTIVE));
        loader.context().createProducerTemplate().sendBody("seda:bcfinsg-runs",
                RunRequest.of(REFUSED_DATE, TriggerType.MANUAL));
        await().atMost(Duration.ofSeconds(30)).until(() -> loader.execLogMessages().stream()
                .anyMatch(m -> m.startsWith("Stream is not in active status")));
        dcf.jdbi().useHandle(h -> dcf.streams().setStatus(h, loader.stream().id(), StreamRegistry.ACTIVE));
    }

    @AfterAll
    static void stop() {
        if (loader != null) {
            loader.close();
        }
    }

    /** Liveness and readiness are UP while the embedded database answers; readiness names the database check. */
    @Test
    void health_is_up_with_the_database_check() throws Exception {
        HttpResponse<String> live = get("/observe/health/live");
        HttpResponse<String> ready = get("/observe/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode checks = JSON.readTree(ready.body()).path("checks");
        assertThat(checks.findValues("name").stream().map(JsonNode::asText)).contains("databases");
        assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("UP");
    }

    /** The Prometheus scrape counts the run, its units, rows written and rejects exactly as DCF records them. */
    @Test
    void metrics_count_the_load_as_dcf_records_it() throws Exception {
        HttpResponse<String> scrape = get("/observe/metrics");
        String body = scrape.body();
        List<UnitRecord> units = units();
        long written = units.stream().mapToLong(u -> u.figures().rowsWritten()).sum();
        long rejected = units.stream().mapToLong(u -> u.figures().rejectedRows()).sum();
        long duplicates = units.stream().mapToLong(u -> u.figures().duplicateRows()).sum();

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(value(body, "loader_runs_total{status=\"COMPLETED\",stream=\"bcfinsg\"}")).isEqualTo(1.0);
        assertThat(value(body, "loader_runs_total{status=\"REFUSED\",stream=\"bcfinsg\"}")).isEqualTo(1.0);
        assertThat(value(body, "loader_runs_total{status=\"FAILED\",stream=\"bcfinsg\"}")).isEqualTo(0.0);
        assertThat(value(body, "loader_units_total{status=\"COMPLETED\",stream=\"bcfinsg\"}")).isEqualTo(files.size());
        assertThat(value(body, "loader_rows_written_total{stream=\"bcfinsg\"}")).isEqualTo(written).isEqualTo(loader.targetRows(DATE));
        assertThat(value(body, "loader_rejects_total{kind=\"rejected\",stream=\"bcfinsg\"}")).isEqualTo(rejected).isPositive();
        assertThat(value(body, "loader_rejects_total{kind=\"duplicate\",stream=\"bcfinsg\"}")).isEqualTo(duplicates).isPositive();
        assertThat(value(body, "loader_quality_rows_total{band=\"HIGH\",stream=\"bcfinsg\"}"))
                .isEqualTo(units.stream().mapToLong(u -> u.figures().highRows()).sum());
        assertThat(value(body, "loader_unit_duration_seconds_count{status=\"COMPLETED\",stream=\"bcfinsg\"}")).isEqualTo(files.size());
        assertThat(value(body, "loader_unit_duration_seconds_bucket{status=\"COMPLETED\",stream=\"bcfinsg\",le=\"+Inf\"}"))
                .isEqualTo(files.size());
        assertThat(value(body, "loader_run_duration_seconds_count{status=\"COMPLETED\",stream=\"bcfinsg\"}")).isEqualTo(1.0);
        double lastSuccess = value(body, "loader_last_success_timestamp_seconds{stream=\"bcfinsg\"}");
        assertThat(lastSuccess).isCloseTo(run.end().toEpochSecond(ZoneOffset.UTC), within(5.0));
        assertThat(body).contains("camel_exchanges_total");
    }

    /** After a restart the last-success gauge is read from DCF_T_STRM_INST, not left empty until the next success. */
    @Test
    void last_success_gauge_is_seeded_from_dcf() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LoaderMetrics fresh = new LoaderMetrics(registry, loader.loader());
        assertThat(registry.get("loader.last.success.timestamp").tag("stream", "bcfinsg").gauge().value()).isNaN();

        fresh.seedFromControlTables();

        assertThat(fresh.isSeeded()).isTrue();
        assertThat(registry.get("loader.last.success.timestamp").tag("stream", "bcfinsg").gauge().value())
                .isEqualTo(run.end().toEpochSecond(ZoneOffset.UTC));
    }

    /** The JSON API lists the stream, its runs and the units of a run with the figures of DCF_T_PRCS_INST. */
    @Test
    void json_api_shows_streams_runs_and_units() throws Exception {
        JsonNode streams = json("/api/streams");
        JsonNode runs = json("/api/streams/bcfinsg/runs?limit=5");
        JsonNode units = json("/api/runs/" + run.id() + "/units");
        JsonNode runWithUnits = json("/api/runs/" + run.id());

        assertThat(streams).hasSize(1);
        assertThat(streams.get(0).path("code").asText()).isEqualTo("bcfinsg");
        assertThat(streams.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(streams.get(0).path("targetTable").asText()).isEqualTo("PLAN_BALN_SEGM_MSTR");
        assertThat(streams.get(0).path("lease").asText()).isEqualTo("free");
        assertThat(streams.get(0).path("lastRun").path("id").asLong()).isEqualTo(run.id());

        assertThat(runs.get(0).path("id").asLong()).isEqualTo(run.id());
        assertThat(runs.get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(runs.get(0).path("businessDate").asText()).isEqualTo("2026-04-01");
        assertThat(runs.get(0).path("trigger").asText()).isEqualTo("FILE");
        assertThat(runs.get(0).path("filesLoaded").asInt()).isEqualTo(files.size());

        assertThat(units).hasSize(files.size());
        for (int i = 0; i < files.size(); i++) {
            FeedGenerator.Generated f = files.get(i);
            JsonNode u = units.get(i);
            assertThat(u.path("fileName").asText()).isEqualTo(f.loadFile().getFileName().toString());
            assertThat(u.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(u.path("figures").path("inputRows").asLong()).isEqualTo(f.rows());
            assertThat(u.path("figures").path("rowsWritten").asLong()).isEqualTo(f.expectedWritten());
            assertThat(u.path("figures").path("rejectedRows").asLong() + u.path("figures").path("duplicateRows").asLong())
                    .isEqualTo(f.rows() - f.expectedWritten());
            assertThat(u.path("figures").path("highRows").asLong() + u.path("figures").path("mediumRows").asLong()
                    + u.path("figures").path("lowRows").asLong()).isEqualTo(f.rows());
        }
        assertThat(runWithUnits.path("run").path("id").asLong()).isEqualTo(run.id());
        assertThat(runWithUnits.path("units")).hasSize(files.size());
    }

    /** Unknown things are 404 with a JSON reason; the API is read-only; the port serves no other file. */
    @Test
    void api_refuses_unknown_things_and_writes() throws Exception {
        HttpResponse<String> noRun = get("/api/runs/987654/units");
        HttpResponse<String> noStream = get("/api/streams/nope/runs");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(loader.baseUrl() + "/api/streams"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(noRun.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noRun.body()).path("error").asText()).isEqualTo("no run 987654");
        assertThat(noStream.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noStream.body()).path("error").asText()).isEqualTo("no stream nope");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/dashboard/application.properties").statusCode()).isEqualTo(404);
        assertThat(get("/config/application.properties").statusCode()).isEqualTo(404);
        assertThat(get("/pom.xml").statusCode()).isEqualTo(404);
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).contains("/dashboard/");
        HttpResponse<String> page = get("/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"/dashboard/dashboard.js\"></script>").doesNotContain("http://", "https://");
    }

    private static List<UnitRecord> units() {
        var dcf = loader.loader().dcf();
        return dcf.jdbi().withHandle(h -> dcf.processes().ofRun(h, run.id()));
    }

    /** The value of one sample line of a Prometheus scrape. */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(m.find()).as("series %s in the scrape", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(loader.baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
