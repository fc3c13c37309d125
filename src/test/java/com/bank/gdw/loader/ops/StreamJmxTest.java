package com.bank.gdw.loader.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.testkit.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Operators steer the loader over a real, password-protected remote JMX connection: Camel's route MBeans and the stream MBean. */
class StreamJmxTest {

    private static final String USER = "operator";
    private static final String PASSWORD = "jmx-test-secret";
    private static final Duration LOAD = Duration.ofSeconds(60);

    private static RunningLoader loader;
    private static JMXConnector connector;
    private static MBeanServerConnection jmx;
    private static ObjectName stream;

    @BeforeAll
    static void start() throws Exception {
        int jmxPort = FreePorts.next();
        Path secrets = RunningLoader.freshDataDir("jmx-secrets").resolve("jmx.password");
        Files.writeString(secrets, "# operators of the loader\n" + USER + " " + PASSWORD + "\n");
        loader = RunningLoader.start("StreamJmxTest", Map.of(
                "loader.jmx.remote.enabled", "true",
                "loader.jmx.remote.port", String.valueOf(jmxPort),
                "loader.jmx.remote.bind-address", "127.0.0.1",
                "loader.jmx.remote.password-file", secrets.toString()));
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        connector = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {USER, PASSWORD}));
        jmx = connector.getMBeanServerConnection();
        stream = new ObjectName("com.bank.gdw.loader:type=Stream,name=" + RunningLoader.STREAM);
    }

    @AfterAll
    static void stop() throws IOException {
        if (connector != null) {
            connector.close();
        }
        if (loader != null) {
            loader.close();
        }
    }

    /** A suspended (or stopped) file-drop route leaves dropped files alone; resumed (or started), it loads them. */
    @ParameterizedTest(name = "{0} then {2}")
    @CsvSource({"suspend, Suspended, resume, 2026-03-02", "stop, Stopped, start, 2026-03-09"})
    void a_file_drop_route_held_over_jmx_loads_nothing_until_released(String hold, String heldState, String release, LocalDate date)
            throws Exception {
        ObjectName fileDrop = route(RunningLoader.STREAM + "-file-drop");
        jmx.invoke(fileDrop, hold, null, null);
        assertThat(jmx.getAttribute(fileDrop, "State")).isEqualTo(heldState);

        List<FeedGenerator.Generated> files = loader.drop(date, 500);

        // the route polls every 200 ms: several polls go by without a run
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                loader.runsOf(date).isEmpty() && files.stream().allMatch(f -> Files.exists(f.loadFile()) && Files.exists(f.triggerFile())));
        assertThat(loader.targetRows(date)).isZero();
        // a deliberately suspended trigger keeps the instance in service
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(loader.baseUrl() + "/observe/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

        jmx.invoke(fileDrop, release, null, null);

        await().atMost(LOAD).until(() -> loader.completedRun(date).isPresent());
        long expected = files.stream().mapToLong(FeedGenerator.Generated::expectedWritten).sum();
        assertThat(loader.targetRows(date)).isEqualTo(expected);
        for (FeedGenerator.Generated f : files) {
            assertThat(f.loadFile()).doesNotExist();
            assertThat(loader.archiveLoad().resolve(f.loadFile().getFileName())).exists();
        }
        assertThat(jmx.getAttribute(fileDrop, "State")).isEqualTo("Started");
        assertThat(loader.completedRun(date).orElseThrow().trigger()).isEqualTo(TriggerType.FILE);
    }

    /** runNow queues a run of the date, recorded with trigger JMX, and the stream MBean shows it as the last run. */
    @Test
    void run_now_loads_a_date_with_trigger_jmx() throws Throwable {
        LocalDate date = LocalDate.of(2026, 3, 3);
        // the file trigger is suspended: only runNow may start this run
        withFileDropSuspended(() -> {
            List<FeedGenerator.Generated> files = loader.drop(date, 300);

            Object answer = jmx.invoke(stream, "runNow", new Object[] {"20260303"}, new String[] {String.class.getName()});

            assertThat(answer).asString().contains("queued").contains("2026-03-03");
            await().atMost(LOAD).until(() -> loader.completedRun(date).isPresent());
            RunRecord run = loader.completedRun(date).orElseThrow();
            assertThat(run.trigger()).isEqualTo(TriggerType.JMX);
            assertThat(run.filesLoaded()).isEqualTo(files.size());
            assertThat(loader.targetRows(date)).isEqualTo(files.stream().mapToLong(FeedGenerator.Generated::expectedWritten).sum());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(jmx.getAttribute(stream, "LastRunId")).isEqualTo(run.id());
                assertThat(jmx.getAttribute(stream, "LastRunStatus")).isEqualTo("COMPLETED");
                assertThat(jmx.getAttribute(stream, "LastRunBusinessDate")).isEqualTo("2026-03-03");
            });
            assertThat((Long) jmx.getAttribute(stream, "RowsDone")).isEqualTo(300L);
            assertThat((Double) jmx.getAttribute(stream, "RowsPerSecond")).isPositive();
            assertThat(jmx.getAttribute(stream, "CurrentUnit")).isNull();
            assertThat(jmx.getAttribute(stream, "RunningRunId")).isNull();
        });
    }

    /** While a unit loads, the stream MBean names it, its run, and the rows done so far. */
    @Test
    void live_attributes_show_the_unit_being_loaded() throws Throwable {
        LocalDate date = LocalDate.of(2026, 3, 10);
        withFileDropSuspended(() -> {
            loader.drop(date, 80_000);
            jmx.invoke(stream, "runNow", new Object[] {"20260310"}, new String[] {String.class.getName()});

            await().atMost(LOAD).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                assertThat(jmx.getAttribute(stream, "CurrentUnit")).isIn("BCFINSG_CA", "BCFINSG_CB");
                assertThat(jmx.getAttribute(stream, "RunningRunId")).isNotNull();
                assertThat((Long) jmx.getAttribute(stream, "RowsDone")).isPositive();
            });
            await().atMost(LOAD).until(() -> loader.completedRun(date).isPresent());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jmx.getAttribute(stream, "CurrentUnit")).isNull());
        });
    }

    /** After deactivate the next run is refused, at once to the JMX caller; activate lets runs in again. */
    @Test
    void deactivated_stream_refuses_the_next_run() throws Exception {
        LocalDate date = LocalDate.of(2026, 3, 4);
        try {
            Object answer = jmx.invoke(stream, "deactivate", null, null);

            assertThat(answer).asString().endsWith("is INACTIVE");
            assertThat(jmx.getAttribute(stream, "Status")).isEqualTo("INACTIVE");
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> jmx.invoke(stream, "runNow",
                    new Object[] {"20260304"}, new String[] {String.class.getName()}));
            assertThat(refused).isInstanceOf(javax.management.RuntimeMBeanException.class)
                    .cause().hasMessage("bcfinsg is INACTIVE: a run would be refused; activate() it first");
            assertThat(loader.runsOf(date)).isEmpty();
        } finally {
            jmx.invoke(stream, "activate", null, null);
        }
        assertThat(jmx.getAttribute(stream, "Status")).isEqualTo("ACTIVE");
    }

    /** Gives the stream's lease to an instance of another host, expiring {@code expiresIn} from now (negative: expired). */
    private void leaseHeldElsewhere(Duration expiresIn) {
        var dcf = loader.loader().dcf();
        loader.loader().initialize();
        dcf.jdbi().useHandle(h -> h.createUpdate("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = 'gone-host:4242:deadbeef', "
                        + "HOST_NAME = 'gone-host', STRM_INST_ID = 77, LEASE_EXPIRES_TS = :expires WHERE STRM_ID = :id")
                .bind("expires", LocalDateTime.now(java.time.ZoneOffset.UTC).plus(expiresIn)).bind("id", loader.stream().id()).execute());
    }

    private Object releaseStaleLock(boolean force) throws Exception {
        return jmx.invoke(stream, "releaseStaleLock", new Object[] {force}, new String[] {boolean.class.getName()});
    }

    /** releaseStaleLock frees an expired lease left by an instance that died, and logs who did it. */
    @Test
    void release_stale_lock_frees_an_expired_lease_and_logs_who_released_it() throws Exception {
        leaseHeldElsewhere(Duration.ofMinutes(-1));
        assertThat(jmx.getAttribute(stream, "LeaseHolder")).asString().contains("gone-host:4242:deadbeef").contains("run 77");

        Object answer = jmx.invoke(stream, "releaseStaleLock", null, null);

        assertThat(answer).asString().startsWith("released the expired lease held by gone-host:4242:deadbeef");
        assertThat(jmx.getAttribute(stream, "LeaseHolder")).isEqualTo("free");
        assertThat(loader.execLogMessages()).anySatisfy(m -> assertThat(m)
                .contains("released the expired lease held by gone-host:4242:deadbeef").contains("JMX user " + USER));
        assertThat(jmx.invoke(stream, "releaseStaleLock", null, null)).asString().endsWith("is free");
    }

    /** A live lease is released only with force=true: a holder that merely looks dead may be loading. */
    @Test
    void release_stale_lock_refuses_a_live_lease_unless_forced() throws Exception {
        leaseHeldElsewhere(Duration.ofHours(1));

        assertThat(releaseStaleLock(false)).asString().startsWith("not released: the lease of").contains("is live")
                .contains("gone-host:4242:deadbeef");
        assertThat(jmx.getAttribute(stream, "LeaseHolder")).asString().contains("gone-host:4242:deadbeef");

        assertThat(releaseStaleLock(true)).asString().startsWith("released the live lease held by gone-host:4242:deadbeef")
                .contains("forced");
        assertThat(jmx.getAttribute(stream, "LeaseHolder")).isEqualTo("free");
        assertThat(loader.execLogMessages()).anySatisfy(m -> assertThat(m)
                .contains("released the live lease held by gone-host:4242:deadbeef").contains("forced").contains("JMX user " + USER));
    }

    /** Every route of the stream has its Camel MBean, and runNow refuses a date that is not YYYYMMDD. */
    @Test
    void routes_are_managed_and_run_now_checks_its_date() throws Exception {
        for (String r : List.of("-file-drop", "-run-queue", "-run", "-load-unit")) {
            assertThat(route(RunningLoader.STREAM + r)).isNotNull();
        }
        assertThat(jmx.getAttribute(stream, "Name")).isEqualTo(loader.stream().name());

        assertThatThrownBy(() ->
                        jmx.invoke(stream, "runNow", new Object[] {"2026-13-01"}, new String[] {String.class.getName()}))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("not a business date YYYYMMDD: 2026-13-01");
        assertThat(loader.runsOf(LocalDate.of(2026, 1, 13))).isEmpty();
    }

    /** Runs {@code body} with the file-drop route suspended over JMX, so that only runNow starts runs. */
    private static void withFileDropSuspended(org.junit.jupiter.api.function.Executable body) throws Throwable {
        ObjectName fileDrop = route(RunningLoader.STREAM + "-file-drop");
        jmx.invoke(fileDrop, "suspend", null, null);
        try {
            body.execute();
        } finally {
            jmx.invoke(fileDrop, "resume", null, null);
        }
    }

    private static ObjectName route(String id) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("org.apache.camel:type=routes,name=\"" + id + "\",*"), null);
        assertThat(names).as("route MBean of " + id).hasSize(1);
        return names.iterator().next();
    }

}
