package com.bank.gdw.loader.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.ImageEnvironment;
import com.bank.gdw.loader.testkit.ImageJava;
import com.bank.gdw.loader.testkit.SmtpCatcher;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The executable jar started the way docker/compose.yaml starts the loader container: the image's environment
 * (docker/Dockerfile ENV, JAVA_TOOL_OPTIONS included) overlaid with the loader service's, its database user and password
 * as given (a role made for them on the local PostgreSQL, owning a fresh database), and only what names a place pointed
 * at local stand-ins: the service host names, the ports they listen on here, the data directory. GreenMail stands in
 * for the mail catcher. Runs in the verify phase (failsafe), on the packaged jar.
 */
class ComposeEnvironmentIT {

    private static final Path COMPOSE = Path.of("docker", "compose.yaml");
    private static final Path WORK = Path.of("target", "it", "compose").toAbsolutePath();
    private static final Pattern PG_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/(\\w+)");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");
    private static final int HTTP_PORT = FreePorts.next();

    private static SmtpCatcher smtp;
    private static String dbUrl;
    private static Map<String, String> compose;
    private static Process loader;
    private static Path log;

    @BeforeAll
    static void startTheJarAsComposeWould() throws IOException {
        LoaderHarness.deleteTree(WORK);
        Files.createDirectories(WORK.resolve("app"));
        smtp = SmtpCatcher.smtp().up();
        dbUrl = TestDatabase.POSTGRESQL.freshUrl("compose");
        compose = new LinkedHashMap<>(ImageEnvironment.read());
        compose.putAll(loaderEnvironment());
        ownDatabaseAs(compose.get("LOADER_DB_USER"), compose.get("LOADER_DB_PASSWORD"));
        Map<String, String> env = local(compose);
        Path jar = Path.of(System.getProperty("loader.jar", "target/gdw-loader.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        log = WORK.resolve("loader.log");
        // the image's working directory holds no config/: the definitions packaged in the jar are used, as in the image
        // the image's command on the image's Java: java -jar, the heap and the rest from JAVA_TOOL_OPTIONS (the AOT cache
        // named there is not built here: the JVM starts without it)
        ProcessBuilder pb = new ProcessBuilder(ImageJava.binary(), "-jar", jar.toString())
                .directory(WORK.resolve("app").toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        loader = pb.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (loader != null) {
            loader.destroy();   // SIGTERM, as docker stop sends
            if (!loader.waitFor(90, TimeUnit.SECONDS)) {
                loader.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (smtp != null) {
            smtp.close();
        }
        String db = dbUrl.substring(dbUrl.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_URL, TestDatabase.PG_USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            st.execute("DROP ROLE IF EXISTS " + compose.get("LOADER_DB_USER"));
        }
    }

    /** The compose file's database user, with its password, made on the local server and owner of the fresh database. */
    private static void ownDatabaseAs(String user, String password) {
        assertThat(user).as("LOADER_DB_USER").matches("\\w+");
        String db = dbUrl.substring(dbUrl.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_URL, TestDatabase.PG_USER, ""); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + user + "') THEN CREATE ROLE " + user
                    + " LOGIN; END IF; END $$");
            st.execute("ALTER ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            st.execute("ALTER DATABASE " + db + " OWNER TO " + user);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot make the compose database user " + user + ": " + e.getMessage(), e);
        }
    }

    /** The environment block of the loader service in docker/compose.yaml, ${VAR:-default} resolved to the default. */
    static Map<String, String> loaderEnvironment() throws IOException {
        JsonNode environment = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile()).path("services").path("loader").path("environment");
        assertThat(environment.isMissingNode()).as("services.loader.environment in " + COMPOSE).isFalse();
        Map<String, String> env = new LinkedHashMap<>();
        if (environment.isArray()) {
            environment.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : "");
            });
        } else {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), interpolate(e.getValue().asText())));
        }
        return env;
    }

    private static String interpolate(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2) != null ? m.group(2) : ""));
        }
        return m.appendTail(sb).toString();
    }

    /**
     * The compose environment with only what names a place pointed here: service host names to 127.0.0.1 and the
     * local ports (the fresh test database on this server, GreenMail's port, a free HTTP port), the data directory
     * under target/. User and password stay as the compose file gives them.
     */
    private static Map<String, String> local(Map<String, String> env) {
        Map<String, String> local = new LinkedHashMap<>(env);
        Matcher db = PG_URL.matcher(env.getOrDefault("LOADER_DB_URL", ""));
        assertThat(db.matches()).as("LOADER_DB_URL %s is a PostgreSQL URL", env.get("LOADER_DB_URL")).isTrue();
        assertThat(db.group(1)).as("database host").isEqualTo("postgres");
        local.put("LOADER_DB_URL", dbUrl);
        assertThat(env.get("LOADER_SMTP_HOST")).as("SMTP host").isEqualTo("smtp");
        local.put("LOADER_SMTP_HOST", "127.0.0.1");
        local.put("LOADER_SMTP_PORT", String.valueOf(smtp.port()));
        assertThat(env.get("LOADER_DATA_DIR")).as("data directory").isEqualTo("/data");
        local.put("LOADER_DATA_DIR", WORK.resolve("data").toString());
        // in the image inprocess sits on the landing volume, under /data like everything else
        assertThat(env.get("LOADER_DIR_INPROCESS")).as("in-process directory").isEqualTo("/data/landing/.inprocess");
        local.put("LOADER_DIR_INPROCESS", WORK.resolve("data/landing/.inprocess").toString());
        local.put("LOADER_HTTP_PORT", String.valueOf(HTTP_PORT));
        return local;
    }

    private static long number(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, TestDatabase.PG_USER, ""); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits for the condition while the loader runs; a failure shows the end of the loader's log. */
    private static void awaitLoader(int seconds, Callable<Boolean> condition) {
        try {
            await().atMost(seconds, TimeUnit.SECONDS).pollInterval(1, TimeUnit.SECONDS).ignoreExceptions()
                    .failFast("the loader exited", () -> !loader.isAlive())
                    .until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "; the loader's log ends:\n" + logTail(), e);
        }
    }

    /** The status of the URL the image's HEALTHCHECK calls, with the port the environment gives it. */
    private static int readiness() throws IOException, InterruptedException {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP_PORT + "/observe/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }

    @Test
    void the_readiness_url_of_the_health_check_answers_200_once_started() {
        awaitLoader(120, () -> readiness() == 200);
    }

    @Test
    void files_dropped_into_landing_are_loaded_into_postgresql_and_the_report_is_mailed() throws Exception {
        StreamDefinition stream = StreamCatalog.load(null, v -> v).get("bcfinsg");
        LocalDate date = LocalDate.of(2026, 11, 26);
        Path landing = WORK.resolve("data").resolve("landing");
        Files.createDirectories(landing);
        FeedGenerator generator = new FeedGenerator(stream);
        FeedGenerator.Generated ca = generator.generate(landing, "BCFINSG_CA", date, 500, 0);
        FeedGenerator.Generated cb = generator.generate(landing, "BCFINSG_CB", date, 300, 0);

        awaitLoader(180, () -> number("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE BUS_DT = ? AND STRM_STATUS <> 'RUNNING'", date) == 1);

        assertThat(number("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE BUS_DT = ? AND STRM_STATUS = 'COMPLETED' AND TRIGGER_TYPE = 'FILE'", date))
                .as(logTail()).isEqualTo(1);
        assertThat(number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", date)).isEqualTo(800);
        // the loader logged in as the compose file's user: Flyway made the tables as that role
        assertThat(number("SELECT COUNT(*) FROM pg_tables WHERE tablename IN ('dcf_t_strm', 'plan_baln_segm_mstr') AND tableowner = ?",
                compose.get("LOADER_DB_USER"))).isEqualTo(2);
        assertThat(WORK.resolve("data/archive/outbound").resolve(ca.loadFile().getFileName())).exists();
        String csv = "PLAN_BALN_SEGM_MSTR_20261126_LOAD_RPT.csv";
        awaitLoader(60, () -> smtp.mailsWithAttachment(csv).size() == 1);
        SmtpCatcher.Mail mail = smtp.mailsWithAttachment(csv).get(0);
        assertThat(mail.subject()).isEqualTo("BCFINSG: Report Files For PLAN_BALN_SEGM_MSTR");
        assertThat(mail.from()).isEqualTo(compose.get("LOADER_MAIL_FROM"));
        assertThat(mail.to()).containsExactly(compose.get("LOADER_MAIL_REPORT_TO"));
        assertThat(mail.attachment(csv)).isEqualTo(LoadReport.CSV_HEADER + "\n" + ca.loadFile().getFileName() + ",500,0,0,500,0\n"
                + cb.loadFile().getFileName() + ",300,0,0,300,0\n");
        await().atMost(20, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_STATUS = 'SENT'") == 1);
        assertThat(loader.isAlive()).isTrue();
    }
}
