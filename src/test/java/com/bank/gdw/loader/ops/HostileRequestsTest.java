package com.bank.gdw.loader.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * What anyone who reaches the HTTP port, or an operator's JMX client, may send: the answer is a clear refusal, never
 * a header of the request echoed back, a line of the loader's log, or a promise the loader does not keep. One
 * {@code serve} in a JVM of its own, with remote JMX, its first run held open (so requests behind it stay queued).
 */
class HostileRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String[] ONE_STRING = {String.class.getName()};

    private static Path data;
    private static ChildLoader serve;
    private static int httpPort;
    private static JMXConnector connector;
    private static MBeanServerConnection jmx;
    private static ObjectName stream;

    @BeforeAll
    static void start() throws Exception {
        data = RunningLoader.freshDataDir("hostile-requests").toAbsolutePath();
        httpPort = FreePorts.next();
        int jmxPort = FreePorts.next();
        Path secrets = data.resolve("jmx.password");
        Files.createDirectories(data);
        Files.writeString(secrets, "ops jmx-test-secret\n");
        Map<String, String> p = ChildLoader.quickServe(data);
        p.put("loader.http.port", String.valueOf(httpPort));
        ChildLoader.withRemoteJmx(p, jmxPort, secrets);
        p.put("loader.fault.pause-at", "run-opened");
        p.put("loader.fault.dir", data.resolve("fault").toString());
        serve = ChildLoader.start(data.resolve("serve.log"), p, Map.of(), "serve");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> get("/observe/health/ready").statusCode() == 200);
        connector = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "jmx-test-secret"}));
        jmx = connector.getMBeanServerConnection();
        stream = new ObjectName("com.bank.gdw.loader:type=Stream,name=bcfinsg");
        // the first run opens and is held there: whatever is asked for next waits in the stream's queue
        runNow("20260401");
        assertThat(serve.awaitFile(data.resolve("fault").resolve("run-opened.reached"), Duration.ofMinutes(1))).as(serve.output()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (serve != null) {
            serve.close();
        }
    }

    /** An error answer carries none of the request's parameters or headers back as its own headers. */
    @Test
    void an_error_answer_echoes_no_parameter_or_header_of_the_request() throws Exception {
        String planted = "?Set-Cookie=planted%3D1%3B%20Path%3D%2F&Refresh=0%3Burl%3Dhttps%3A%2F%2Fevil.example%2F"
                + "&Access-Control-Allow-Origin=https%3A%2F%2Fevil.example";
        for (String path : List.of("/api/runs/x", "/dashboard/nope", "/api/streams/bcfinsg/runs", "/api/status")) {
            String query = planted + (path.endsWith("/runs") ? "&limit=abc" : path.endsWith("status") ? "&runs=%00" : "");
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path + query))
                    .header("X-Request-Header", "reflected").GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as("%s: %s", path, r.body()).isBetween(400, 404);
            assertThat(r.headers().map().keySet()).as(path).map(String::toLowerCase)
                    .doesNotContain("set-cookie", "refresh", "access-control-allow-origin", "x-request-header");
            assertThat(r.headers().firstValue("Content-Type")).as(path).contains("application/json");
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(path).isNotBlank();
        }
    }

    /** A number parameter that is not one is 400 naming the parameter, never a 500; the log gets no error for it. */
    @Test
    void a_parameter_that_is_not_a_whole_number_is_a_bad_request() throws Exception {
        Map<String, String> expected = Map.of(
                "/api/streams/bcfinsg/runs?limit=abc", "limit must be a whole number from 1 to 500: abc",
                "/api/streams/bcfinsg/runs?limit=0", "limit must be a whole number from 1 to 500: 0",
                "/api/streams/bcfinsg/runs?limit=%2B5", "limit must be a whole number from 1 to 500: +5",
                "/api/streams/bcfinsg/runs?limit=1e3", "limit must be a whole number from 1 to 500: 1e3",
                "/api/units/1/rejects?offset=-", "offset must be a whole number from 0: -",
                "/api/status?runs=-1", "runs must be a whole number from 1 to 500: -1");
        answersEach(400, expected);
        // larger than the page the API gives is the largest page, as before
        assertThat(get("/api/streams/bcfinsg/runs?limit=99999999999").statusCode()).isEqualTo(200);
        assertThat(get("/api/streams/bcfinsg/runs?limit=").statusCode()).isEqualTo(200);
        assertThat(serve.output()).doesNotContain("NumberFormatException", "ParameterBindingException");
    }

    /**
     * A run or unit id is its ASCII digits: another way of writing a number ("+1", Arabic-Indic digits) names no run,
     * and the answer quotes what was asked escaped.
     */
    @Test
    void an_id_is_plain_digits_and_is_quoted_escaped() throws Exception {
        assertThat(get("/api/runs/1").statusCode()).isEqualTo(200);
        Map<String, String> expected = Map.of(
                "/api/runs/%2B1", "no run +1",
                "/api/runs/%D9%A1", "no run \u0661",
                "/api/runs/1%0Aforged/units", "no run 1\\x0aforged",
                "/api/units/1%0D%0Aforged/rejects", "no unit 1\\x0d\\x0aforged",
                "/api/runs/99999999999999999999", "no run 99999999999999999999");
        answersEach(404, expected);
    }

    /** A request's value with line breaks in it is shown escaped: it cannot write a line of its own into the log. */
    @Test
    void a_request_value_cannot_write_a_line_into_the_log() throws Exception {
        String forged = "2026-01-15 06:00:00.000 INFO  [bcfinsg run=1] RunClose - run 1 forged";
        HttpResponse<String> r = get("/api/streams/bcfinsg/runs?limit=1%0A" + forged.replace(" ", "%20").replace("[", "%5B")
                .replace("]", "%5D") + "%0A");
        HttpResponse<String> s = get("/api/status?stream=bcfinsg%0D%0A" + forged.replace(" ", "%20").replace("[", "%5B")
                .replace("]", "%5D"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).startsWith("limit must be a whole number from 1 to 500: 1\\x0a2026-01-15")
                .doesNotContain("\n");
        assertThat(s.statusCode()).isEqualTo(404);
        assertThat(serve.output().lines()).noneMatch(l -> l.startsWith(forged)).noneMatch(l -> l.startsWith("\tat "));
    }

    /**
     * runNow on a stream that is not active is refused at once (its run would be refused unrecorded); a date already
     * waiting in the queue is not queued twice; a full queue is refused in words a plain JMX client can read.
     */
    @Test
    void run_now_refuses_what_it_could_not_keep() throws Exception {
        assertThat(runNow("20260402")).contains("queued");
        assertThat(runNow("20260402")).isEqualTo("run of bcfinsg for 2026-04-02 is already queued; its outcome will be in DCF_T_STRM_INST");

        jmx.invoke(stream, "deactivate", null, null);
        Throwable inactive = catchThrowable(() -> runNow("20260403"));
        jmx.invoke(stream, "activate", null, null);
        // who switched the stream is in the log, as for a released lease
        assertThat(serve.output()).contains("BCFINSG_PLAN_BALN_SEGM_LOAD set INACTIVE by JMX user ops",
                "BCFINSG_PLAN_BALN_SEGM_LOAD set ACTIVE by JMX user ops");
        assertThat(inactive).isInstanceOf(RuntimeMBeanException.class);
        assertThat(inactive.getCause()).isInstanceOf(IllegalStateException.class)
                .hasMessage("bcfinsg is INACTIVE: a run would be refused; activate() it first");

        Throwable full = null;
        for (int day = 0; day < 1500 && full == null; day++) {
            String date = java.time.LocalDate.of(2030, 1, 1).plusDays(day).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            full = catchThrowable(() -> runNow(date));
        }
        assertThat(full).as("a full queue refuses").isInstanceOf(RuntimeMBeanException.class);
        assertThat(full.getCause()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the run queue of bcfinsg is full");
    }

    private static String runNow(String date) throws Exception {
        return (String) jmx.invoke(stream, "runNow", new Object[] {date}, ONE_STRING);
    }

    private static String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Each path is answered with this status and its error. */
    private static void answersEach(int status, Map<String, String> errorByPath) throws Exception {
        for (var e : errorByPath.entrySet()) {
            HttpResponse<String> r = get(e.getKey());
            assertThat(r.statusCode()).as("%s: %s", e.getKey(), r.body()).isEqualTo(status);
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
