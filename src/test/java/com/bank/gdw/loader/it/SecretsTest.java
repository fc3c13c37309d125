package com.bank.gdw.loader.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.SmtpCatcher;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets given to the loader (database, JMX and SMTP passwords, a password inside the JDBC URL) never show in its logs,
 * its status output, its HTTP answers or its MBeans' attributes.
 */
class SecretsTest {

    private static final String DB_PASSWORD = "Db-Pa55-7c1e9a";
    private static final String URL_PASSWORD = "Url-Pa55-44b0d2";
    private static final String JMX_PASSWORD = "Jmx-Pa55-e90f13";
    private static final String SMTP_PASSWORD = "Smtp-Pa55-3f5a21";

    @Test
    void passwords_never_appear_in_the_log_or_the_status_output() throws Exception {
        Path data = Path.of("target", "it", "secrets").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        String url = TestDatabase.POSTGRESQL.freshUrl("secrets") + "?password=" + URL_PASSWORD + "&ApplicationName=loader";
        new FeedGenerator(new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml")))
                .generate(data.resolve("landing"), "BCFINSG_CA", LocalDate.of(2026, 1, 20), 500, 0.02);
        Map<String, String> props = new HashMap<>();
        props.put("loader.data-dir", data.toString());
        props.put("loader.files.settle-ms", "0");
        Map<String, String> env = Map.of("LOADER_DB_URL", url, "LOADER_DB_USER", TestDatabase.PG_USER,
                "LOADER_DB_PASSWORD", DB_PASSWORD, "LOADER_JMX_USER", "ops", "LOADER_JMX_PASSWORD", JMX_PASSWORD,
                "LOADER_LOG_LEVEL", "DEBUG");

        String output;
        try (ChildLoader run = ChildLoader.start(data.resolve("run.log"), props, env, "run", "--date", "20260120")) {
            assertThat(run.awaitExit(Duration.ofMinutes(2))).as(run.output()).isZero();
            output = run.output();
        }
        try (ChildLoader status = ChildLoader.start(data.resolve("status.log"), props, env, "status")) {
            assertThat(status.awaitExit(Duration.ofMinutes(2))).isZero();
            assertThat(status.output()).contains("BCFINSG_PLAN_BALN_SEGM_LOAD", "COMPLETED");
            output += status.output();
        }

        assertThat(output).contains("password=***");
        for (String secret : List.of(DB_PASSWORD, URL_PASSWORD, JMX_PASSWORD)) {
            assertThat(output).as("the output shows %s", secret).doesNotContain(secret);
        }
    }
    @Test
    void passwords_never_appear_in_the_serve_log_its_http_answers_or_its_mbeans() throws Exception {
        Path data = Path.of("target", "it", "secrets-serve").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        String url = TestDatabase.POSTGRESQL.freshUrl("secrets_serve") + "?password=" + URL_PASSWORD;
        new FeedGenerator(new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml")))
                .generate(data.resolve("landing"), "BCFINSG_CA", LocalDate.of(2026, 1, 21), 300, 0.02);
        int httpPort = FreePorts.next();
        int jmxPort = FreePorts.next();
        Map<String, String> props = ChildLoader.quickServe(data);
        props.put("loader.outbox.poll-ms", "300");
        Map<String, String> env = new HashMap<>();
        env.put("LOADER_DB_URL", url);
        env.put("LOADER_DB_USER", TestDatabase.PG_USER);
        env.put("LOADER_DB_PASSWORD", DB_PASSWORD);
        env.put("LOADER_HTTP_PORT", String.valueOf(httpPort));
        env.put("LOADER_JMX_REMOTE_ENABLED", "true");
        env.put("LOADER_JMX_REMOTE_PORT", String.valueOf(jmxPort));
        env.put("LOADER_JMX_REMOTE_BIND_ADDRESS", "127.0.0.1");
        env.put("LOADER_JMX_USER", "ops");
        env.put("LOADER_JMX_PASSWORD", JMX_PASSWORD);
        env.put("LOADER_LOG_LEVEL", "DEBUG");
        StringBuilder seen = new StringBuilder();
        try (SmtpCatcher smtp = SmtpCatcher.smtps("mailer", SMTP_PASSWORD).up()) {
            env.put("LOADER_SMTP_HOST", "127.0.0.1");
            env.put("LOADER_SMTP_PORT", String.valueOf(smtp.port()));
            env.put("LOADER_SMTP_TLS", "smtps");
            env.put("LOADER_SMTP_SSL_TRUST", "127.0.0.1");
            env.put("LOADER_SMTP_USER", "mailer");
            env.put("LOADER_SMTP_PASSWORD", SMTP_PASSWORD);
            env.put("LOADER_MAIL_REPORT_TO", "ops@bank.test");
            try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), props, env, "serve")) {
                // the report mail went out with the SMTP login: the password was used, so it was there to leak
                org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                        .until(() -> !smtp.mailsWithAttachment("PLAN_BALN_SEGM_MSTR_20260121_LOAD_RPT.csv").isEmpty());
                HttpClient http = HttpClient.newHttpClient();
                for (String path : List.of("/observe/health/live", "/observe/health/ready?data=true", "/observe/metrics", "/api/streams",
                        "/api/streams/bcfinsg/runs?limit=5", "/dashboard/")) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(path).isEqualTo(200);
                    seen.append(r.body());
                }
                JMXServiceURL jmx = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
                try (JMXConnector c = JMXConnectorFactory.connect(jmx, Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", JMX_PASSWORD}))) {
                    MBeanServerConnection mbs = c.getMBeanServerConnection();
                    ObjectName stream = new ObjectName("com.bank.gdw.loader:type=Stream,name=bcfinsg");
                    for (MBeanAttributeInfo a : mbs.getMBeanInfo(stream).getAttributes()) {
                        seen.append(a.getName()).append('=').append(mbs.getAttribute(stream, a.getName())).append('\n');
                    }
                }
                assertThat(seen).contains("COMPLETED", "LastRunStatus=COMPLETED");
                serve.terminate();
                serve.awaitExit(Duration.ofMinutes(1));
                seen.append(serve.output());
            }
        }
        for (String secret : List.of(DB_PASSWORD, URL_PASSWORD, JMX_PASSWORD, SMTP_PASSWORD)) {
            assertThat(seen.toString()).as("the serve log, HTTP answers and MBean attributes show %s", secret).doesNotContain(secret);
        }
    }

}
