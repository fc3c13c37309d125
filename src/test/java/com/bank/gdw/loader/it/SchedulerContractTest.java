package com.bank.gdw.loader.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.cli.LoaderCommand;
import com.bank.gdw.loader.ops.StatusReport;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.ChildProcess;
import com.bank.gdw.loader.testkit.ChildProcess.Ended;
import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.ImageJava;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a scheduler (Control-M) relies on: results on stdout and logs on stderr, exit codes that cannot be confused
 * (an out-of-memory end is none of the documented ones), and a status that only reads, also next to a running serve.
 * Every command runs as its own process, as the scheduler starts it.
 */
class SchedulerContractTest {

    private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} (INFO|WARN|ERROR|DEBUG)");
    private static final List<Integer> DOCUMENTED = List.of(0, 1, 2, 3, 4);
    private static final String SNOWFLAKE_DRIVER = "net.snowflake.client.api.driver.SnowflakeDriver ";

    private static Path fresh(String name) {
        Path data = Path.of("target", "it", "scheduler-" + name).toAbsolutePath();
        LoaderHarness.deleteTree(data);
        return data;
    }

    private static Ended command(Map<String, String> properties, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return command(List.of(), properties, env, args);
    }

    private static Ended command(List<String> jvmOptions, Map<String, String> properties, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return command(Path.of(System.getProperty("java.home"), "bin", "java").toString(), jvmOptions, properties, env, args);
    }

    private static Ended command(String java, List<String> jvmOptions, Map<String, String> properties, Map<String, String> env,
                                 String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED"); // the Snowflake emulator answers in Arrow (docs/snowflake.md)
        cmd.add("-Dlog4j2.configurationFile=classpath:log4j2.xml");
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(ChildLoader.classpath());
        cmd.add(LoaderCommand.class.getName());
        cmd.addAll(List.of(args));
        return ChildProcess.run(Path.of("target", "it", "scheduler-output").toAbsolutePath(), cmd, env);
    }

    private static Map<String, String> dataDir(Path data) {
        Map<String, String> p = new HashMap<>();
        p.put("loader.data-dir", data.toString());
        p.put("loader.files.settle-ms", "0");
        return p;
    }

    @Test
    void run_prints_its_result_on_stdout_and_its_logs_on_stderr() throws Exception {
        Path data = fresh("streams");
        Map<String, String> props = dataDir(data);
        assertThat(command(props, Map.of(), "generate", "--rows", "200", "--date", "20261126", "--prefix", "BCFINSG_CA").exitCode()).isZero();

        Ended run = command(props, Map.of(), "run", "--date", "20261126");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).isNotEmpty().noneMatch(l -> LOG_LINE.matcher(l).find());
        assertThat(run.out()).contains("BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261126_I.txt.gz").contains("COMPLETED");
        assertThat(run.err()).contains("INFO").contains("ended COMPLETED");
    }

    @Test
    void a_run_on_the_embedded_database_never_loads_the_snowflake_driver() throws Exception {
        // given a unit on the embedded database (the Snowflake driver's initialisation alone costs most of a second)
        Path data = fresh("drivers");
        Map<String, String> props = dataDir(data);
        assertThat(command(props, Map.of(), "generate", "--rows", "100", "--date", "20261126", "--prefix", "BCFINSG_CA").exitCode()).isZero();
        Path classes = data.resolve("classes.log");

        // when it runs, and status reads it
        Ended run = command(List.of("-Xlog:class+load:file=" + classes), props, Map.of(), "run", "--date", "20261126");
        String runClasses = Files.readString(classes);
        Ended status = command(List.of("-Xlog:class+load:file=" + classes), props, Map.of(), "status");

        // then neither initialised the Snowflake driver: connections go to the one driver of the URL's kind, not through
        // DriverManager, which initialises every driver on the classpath
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(runClasses).contains("org.duckdb.DuckDBDriver").doesNotContain(SNOWFLAKE_DRIVER);
        assertThat(Files.readString(classes)).contains("org.duckdb.DuckDBDriver").doesNotContain(SNOWFLAKE_DRIVER);
    }

    @Test
    void status_changes_nothing_on_a_fresh_data_directory() throws Exception {
        Path data = fresh("status-fresh");

        Ended status = command(dataDir(data), Map.of(), "status");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("BCFINSG_PLAN_BALN_SEGM_LOAD (id 1490, PLAN_BALN_SEGM_MSTR): (not registered: no DCF database yet");
        assertThat(data).doesNotExist();
        assertThat(status.err()).doesNotContain("INFO");
    }

    @Test
    void status_applies_no_migration_to_a_postgresql_database() throws Exception {
        String url = TestDatabase.POSTGRESQL.freshUrl("scheduler_status");
        try {
            Map<String, String> props = dataDir(fresh("status-pg"));
            props.put("loader.db.url", url);
            props.put("loader.db.user", TestDatabase.PG_USER);

            Ended status = command(props, Map.of(), "status", "--json");

            assertThat(status.exitCode()).isZero();
            assertThat(StatusReport.fromJson(status.out())).singleElement()
                    .satisfies(s -> assertThat(s.status()).startsWith("(not registered: no DCF tables yet"));
            try (Connection c = DriverManager.getConnection(url, TestDatabase.PG_USER, ""); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("tables created by status").isZero();
            }
        } finally {
            TestDatabase.POSTGRESQL.drop("scheduler_status");
        }
    }

    @Test
    void status_next_to_a_running_serve_on_the_embedded_database_asks_it_over_http() throws Exception {
        statusNextToServe(TestDatabase.DUCKDB);
    }

    @Test
    void status_next_to_a_running_serve_on_postgresql_reads_the_database() throws Exception {
        statusNextToServe(TestDatabase.POSTGRESQL);
    }

    @Test
    void status_next_to_a_running_serve_on_snowflake_reads_the_database() throws Exception {
        statusNextToServe(TestDatabase.SNOWFLAKE);
    }

    private static void statusNextToServe(TestDatabase db) throws Exception {
        Path data = fresh("serve-" + db);
        Map<String, String> props = ChildLoader.quickServe(data);
        String url = db.freshUrl("scheduler_serve");
        if (url != null) {
            props.put("loader.db.url", url);
            props.put("loader.db.user", db.user());
            props.put("loader.db.password", db.password());
        }
        int port = FreePorts.next();
        props.put("loader.http.port", String.valueOf(port));
        try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), props, Map.of(), "serve")) {
            awaitReady(port, serve);

            Ended status = command(props, Map.of(), "status", "--json");

            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(StatusReport.fromJson(status.out())).singleElement()
                    .satisfies(s -> assertThat(s.status()).isEqualTo("ACTIVE"));
            assertThat(serve.isAlive()).isTrue();
        } finally {
            db.drop("scheduler_serve");
        }
    }

    @Test
    void run_replay_and_release_lock_next_to_a_running_serve_on_the_embedded_database_are_refused_at_once_with_exit_4()
            throws Exception {
        // given a loaded date, and a serve that holds the embedded database file
        Path data = fresh("held-file");
        Map<String, String> props = dataDir(data);
        assertThat(command(props, Map.of(), "generate", "--rows", "100", "--date", "20261126", "--prefix", "BCFINSG_CA").exitCode()).isZero();
        assertThat(command(props, Map.of(), "run", "--date", "20261126").exitCode()).isZero();
        Map<String, String> serveProps = ChildLoader.quickServe(data);
        int port = FreePorts.next();
        serveProps.put("loader.http.port", String.valueOf(port));
        try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), serveProps, Map.of(), "serve")) {
            awaitReady(port, serve);

            for (List<String> args : List.of(List.of("run", "--date", "20261126"),
                    List.of("replay", "--from", "20261126", "--to", "20261126"), List.of("release-lock", "--stream", "bcfinsg"))) {
                // when a one-shot command starts next to it
                Ended ended = command(props, Map.of(), args.toArray(String[]::new));

                // then it is refused in one line naming the holder, before its Camel started (no wait for a connection)
                assertThat(ended.exitCode()).as(args + ": " + ended.err()).isEqualTo(4);
                assertThat(ended.err()).as(args.get(0)).contains("gdw-loader: the embedded database file "
                        + data.resolve("db").resolve("loader.duckdb") + " is held by another process (PID " + serve.pid() + ")");
                assertThat(ended.err()).as(args.get(0)).doesNotContain("Apache Camel").doesNotContain("Connection is not available");
                assertThat(ended.err().lines()).as(args.get(0)).noneMatch(l -> l.matches("\\s+at .*"));
            }
            assertThat(serve.isAlive()).isTrue();
        }
    }

    @Test
    void a_second_serve_on_the_embedded_database_file_of_a_running_serve_is_refused_at_once_with_exit_4() throws Exception {
        // given a serve that holds the embedded database file
        Path data = fresh("held-by-serve");
        Map<String, String> props = ChildLoader.quickServe(data);
        int port = FreePorts.next();
        props.put("loader.http.port", String.valueOf(port));
        try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), props, Map.of(), "serve")) {
            awaitReady(port, serve);

            // when a second serve starts on the same data directory (its own HTTP port)
            Map<String, String> second = ChildLoader.quickServe(data);
            second.put("loader.http.port", String.valueOf(FreePorts.next()));
            try (ChildLoader again = ChildLoader.start(data.resolve("serve-again.log"), second, Map.of(), "serve")) {

                // then it ends at once with exit 4 and one line naming the holder, before its Camel started (it used to
                // start its routes and HTTP server and wait for the database for ever)
                assertThat(again.awaitExit(Duration.ofSeconds(60))).as(again.output()).isEqualTo(4);
                assertThat(again.output()).contains("gdw-loader: the embedded database file "
                        + data.resolve("db").resolve("loader.duckdb") + " is held by another process (PID " + serve.pid() + ")");
                assertThat(again.output()).doesNotContain("Apache Camel").doesNotContain("HttpServer started");
                assertThat(again.output().lines()).noneMatch(l -> l.matches("\\s+at .*"));
            }
            assertThat(serve.isAlive()).isTrue();
        }
    }

    @Test
    void serve_stopped_by_sigterm_exits_0_after_camel_has_stopped() throws Exception {
        Path data = fresh("serve-sigterm");
        Map<String, String> props = ChildLoader.quickServe(data);
        int port = FreePorts.next();
        props.put("loader.http.port", String.valueOf(port));
        try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), props, Map.of(), "serve")) {
            awaitReady(port, serve);

            serve.terminate();

            // the documented code of a stop; the JVM's own answer to SIGTERM, 143, is documented nowhere
            assertThat(serve.awaitExit(Duration.ofSeconds(60))).as(serve.output()).isZero();
            assertThat(serve.output().lines()).anySatisfy(l -> assertThat(l).matches(".*Apache Camel .* shutdown in .*"));
        }
    }

    @Test
    void run_in_the_environment_written_for_serve_switches_on_nothing_serve_holds() throws Exception {
        // given a serve on PostgreSQL in an environment that switches on everything serve may run: remote JMX with its
        // login, the housekeeping schedule, Camel's HTTP server (as variables, the way a container gets them)
        TestDatabase db = TestDatabase.POSTGRESQL;
        String url = db.freshUrl("scheduler_env");
        Map<String, String> env = new HashMap<>();
        env.put("LOADER_JMX_REMOTE_ENABLED", "true");
        env.put("LOADER_JMX_REMOTE_PORT", String.valueOf(FreePorts.next()));
        env.put("LOADER_JMX_USER", "operator");
        env.put("LOADER_JMX_PASSWORD", "secret-for-the-test");
        env.put("LOADER_HOUSEKEEPING_ENABLED", "true");
        env.put("LOADER_TRIGGERS_ENABLED", "true");
        env.put("LOADER_OUTBOX_ENABLED", "true");
        env.put("CAMEL_SERVER_ENABLED", "true");
        env.put("LOADER_HTTP_PORT", String.valueOf(FreePorts.next()));
        env.put("LOADER_DB_URL", url);
        env.put("LOADER_DB_USER", db.user());
        env.put("LOADER_DB_PASSWORD", db.password() == null ? "" : db.password());
        Path serveData = fresh("env-serve");
        Path runData = fresh("env-run");
        try (ChildLoader serve = ChildLoader.start(serveData.resolve("serve.log"), ChildLoader.quickServe(serveData), env, "serve")) {
            awaitReady(Integer.parseInt(env.get("LOADER_HTTP_PORT")), serve);
            Map<String, String> props = dataDir(runData);
            assertThat(command(props, Map.of(), "generate", "--rows", "200", "--date", "20261126", "--prefix", "BCFINSG_CA").exitCode()).isZero();

            // when a run is started beside it with the same environment
            Ended run = command(props, env, "run", "--date", "20261126");

            // then the run loads its unit and opened neither port nor schedule, and serve still serves
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("COMPLETED");
            assertThat(run.err()).doesNotContain("Quartz").doesNotContain("HttpServer started").doesNotContain("remote JMX");
            assertThat(runData.resolve("landing")).isEmptyDirectory();
            assertThat(serve.isAlive()).isTrue();
        } finally {
            db.drop("scheduler_env");
        }
    }

    private static void awaitReady(int port, ChildLoader serve) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(end) && serve.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("serve not ready on port " + port + ": " + serve.output());
    }

    @Test
    void an_out_of_memory_end_exits_with_none_of_the_documented_codes() throws Exception {
        Path data = fresh("oom");
        Map<String, String> props = dataDir(data);
        assertThat(command(props, Map.of(), "generate", "--rows", "20000", "--date", "20261126", "--prefix", "BCFINSG_CA").exitCode()).isZero();
        // the image's Java and its own JVM options (without the image's AOT cache), with a heap far too small for the load
        String imageOptions = ImageJava.toolOptions(null).replace("-XX:MaxRAMPercentage=75", "-Xmx16m");

        Ended run = command(ImageJava.binary(), List.of(), props, Map.of("JAVA_TOOL_OPTIONS", imageOptions), "run", "--date", "20261126");

        assertThat(run.out() + run.err()).contains("OutOfMemoryError");
        assertThat(run.exitCode()).isNotIn(DOCUMENTED).isEqualTo(137);
    }

    @Test
    void version_names_the_release_and_the_commit() throws Exception {
        Ended version = command(Map.of(), Map.of(), "--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).matches("(?s)gdw-loader .* \\(commit [0-9a-f]{7,}.*\\)\\s*");
    }
}
