package com.bank.gdw.loader.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.UnitRecord;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rejects of a unit as an operator sees them, on each database: the JSON API pages through the reject table
 * (UTIL_TRSF_EROR_RQM3) and the dashboard, rendered by headless Chromium, opens them with their counts by reason.
 * (The reject file beside the report is checked against the same table in it/NotificationMailTest.)
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class RejectsViewTest {

    private static final LocalDate DATE = LocalDate.of(2026, 4, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningLoader loader;
    private static UnitRecord unit;
    /** The unit's rows of the reject table in line order: line, reason, column, value. */
    private static List<Map<String, Object>> table;

    RejectsViewTest(TestDatabase database) {
        // the database is chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void load(TestDatabase database) {
        // given: a date loaded by the file trigger, 5 % of its records bad
        loader = RunningLoader.start("rejects_view_" + database, database, Map.of());
        loader.drop(DATE, 800);
        await().atMost(Duration.ofSeconds(90)).until(() -> loader.completedRun(DATE).isPresent());
        RunRecord run = loader.completedRun(DATE).orElseThrow();
        var dcf = loader.loader().dcf();
        unit = dcf.jdbi().withHandle(h -> dcf.processes().ofRun(h, run.id())).get(0);
        table = dcf.jdbi().withHandle(h -> h.createQuery("SELECT LINE_NUMBER, CONV_MAP_RULE_M, TRSF_COLM_M, VALU_CHNG_BFOR_X "
                        + "FROM UTIL_TRSF_EROR_RQM3 WHERE PRCS_INST_ID = :p ORDER BY LINE_NUMBER, EROR_ID")
                .bind("p", unit.id())
                .map((rs, ctx) -> {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("line", rs.getLong(1));
                    row.put("reason", rs.getString(2));
                    row.put("column", rs.getString(3));
                    row.put("value", rs.getString(4));
                    return row;
                }).list());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (loader != null) {
            loader.close();
        }
    }

    /**
     * GET /api/units/{processId}/rejects pages through UTIL_TRSF_EROR_RQM3 in line order: line, reason, column and
     * value of each reject, the total and the counts by reason; an unknown unit is 404.
     */
    @Test
    void json_api_pages_through_the_rejects_of_a_unit() throws Exception {
        // when
        JsonNode first = json("/api/units/" + unit.id() + "/rejects?limit=3");
        JsonNode second = json("/api/units/" + unit.id() + "/rejects?limit=3&offset=3");
        JsonNode all = json("/api/units/" + unit.id() + "/rejects?limit=1000");
        HttpResponse<String> unknown = get("/api/units/987654/rejects");

        // then
        assertThat(table).hasSizeGreaterThan(6);
        assertThat(all.path("total").asLong()).isEqualTo(table.size())
                .isEqualTo(unit.figures().rejectedRows() + unit.figures().duplicateRows());
        assertThat(all.path("processId").asLong()).isEqualTo(unit.id());
        assertThat(all.path("fileName").asText()).isEqualTo(unit.fileName());
        long byReason = 0;
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) all.path("byReason")::fields) {
            assertThat(e.getValue().asLong()).isEqualTo(table.stream().filter(r -> e.getKey().equals(r.get("reason"))).count());
            byReason += e.getValue().asLong();
        }
        assertThat(byReason).isEqualTo(table.size());
        assertThat(all.path("rejects")).hasSize(table.size());
        for (int i = 0; i < table.size(); i++) {
            JsonNode r = all.path("rejects").get(i);
            Map<String, Object> row = table.get(i);
            assertThat(r.path("line").asLong()).isEqualTo(row.get("line"));
            assertThat(r.path("reason").asText()).isEqualTo(row.get("reason"));
            assertThat(r.path("column").isNull() ? null : r.path("column").asText()).isEqualTo(row.get("column"));
            assertThat(r.path("value").isNull() ? null : r.path("value").asText()).isEqualTo(row.get("value"));
        }
        assertThat(first.path("rejects")).hasSize(3);
        assertThat(second.path("offset").asLong()).isEqualTo(3);
        assertThat(second.path("rejects").get(0)).isEqualTo(all.path("rejects").get(3));
        assertThat(first.path("rejects").get(2)).isEqualTo(all.path("rejects").get(2));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("no unit 987654");
    }

    /**
     * Opening a unit's row (its address #rejects=<process id>) shows its rejects: the counts by reason and the first
     * page of rows, each with line and reason as UTIL_TRSF_EROR_RQM3 holds them.
     */
    @Test
    void a_units_rejects_open_in_the_dashboard_with_their_counts_by_reason() throws Exception {
        // when
        String dom = DashboardTest.renderedDom(loader.baseUrl() + "/dashboard/#rejects=" + unit.id());

        // then
        assertThat(table).hasSizeGreaterThan(1);
        assertThat(dom).containsPattern("<section id=\"rejects-section\">");
        assertThat(dom).containsPattern("<p id=\"rejects-counts\" data-total=\"" + table.size() + "\">");
        for (String reason : table.stream().map(r -> (String) r.get("reason")).distinct().toList()) {
            long n = table.stream().filter(r -> reason.equals(r.get("reason"))).count();
            assertThat(dom).contains(reason + " " + String.format(Locale.US, "%,d", n));
        }
        Matcher rows = Pattern.compile("<tr data-line=\"(\\d+)\" data-reason=\"([A-Z_]+)\">").matcher(dom);
        List<String> shown = new ArrayList<>();
        while (rows.find()) {
            shown.add(rows.group(1) + " " + rows.group(2));
        }
        assertThat(shown).containsExactlyElementsOf(table.stream().limit(50).map(r -> r.get("line") + " " + r.get("reason")).toList());
    }

    private static JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(loader.baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
