package com.bank.gdw.loader.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.TcpProxy;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away during a load, and is away when the loader starts: no partial rows, the container stays up
 * and says it is not ready, and once the database is back the next run completes without a restart.
 */
class DatabaseOutageTest {

    private static int readiness(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    /** Rows of the date, asked of the server directly (not through the proxy). */
    private static long rowsDirect(String dbUrl, LocalDate date) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, TestDatabase.PG_USER, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = DATE '" + date + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static LoaderHarness.Options throughProxy(TcpProxy proxy, String dbName, int httpPort) {
        String direct = TestDatabase.POSTGRESQL.freshUrl(dbName);
        String proxied = direct.replace(":5432/", ":" + proxy.port() + "/");
        return LoaderHarness.options().existing(proxied)
                .property("camel.server.enabled", "true").property("loader.http.port", String.valueOf(httpPort))
                .property("loader.db.init-retry-seconds", "1").property("loader.lease.seconds", "3")
                .property("loader.lease.heartbeat-seconds", "1");
    }

    @Test
    void the_database_lost_during_a_load_leaves_no_partial_rows_and_the_next_run_completes() throws Exception {
        LocalDate date = LocalDate.of(2026, 2, 2);
        int http = FreePorts.next();
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432);
             LoaderHarness h = LoaderHarness.start("outage-during-load", throughProxy(proxy, "outage_during_load", http))) {
            String direct = TestDatabase.postgresUrl("outage_during_load");
            FeedGenerator.Generated g = h.generate("BCFINSG_CA", date, 300_000, 0);
            assertThat(readiness(http)).isEqualTo(200);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<RunOutcome> run = pool.submit(() -> h.run(date));
                await().atMost(60, TimeUnit.SECONDS).until(() -> h.loader().activity().of("bcfinsg").rowsDone() > 50_000);

                proxy.cut();

                RunOutcome broken = run.get(2, TimeUnit.MINUTES);
                assertThat(broken.status()).isEqualTo(RunStatus.FAILED);
            } finally {
                pool.shutdownNow();
            }
            assertThat(rowsDirect(direct, date)).isZero();
            // the outage is no fault of the files: the unit put its claimed files back in landing (unrecorded, the
            // DCF database being gone), nothing is left in inprocess
            assertThat(LoaderHarness.files(h.landing())).containsExactlyInAnyOrder(g.loadFile().getFileName().toString(),
                    g.triggerFile().getFileName().toString());
            assertThat(DcfInvariants.filesUnder(h.loader().settings().directories().inprocess())).isEmpty();
            await().atMost(30, TimeUnit.SECONDS).until(() -> readiness(http) == 503);

            proxy.restore();
            await().atMost(30, TimeUnit.SECONDS).until(() -> readiness(http) == 200);
            RunOutcome again = h.run(date);

            assertThat(again.status()).as(again.message()).isEqualTo(RunStatus.COMPLETED);
            assertThat(rowsDirect(direct, date)).isEqualTo(300_000);
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE PRCS_STATUS = 'ABANDONED' OR PRCS_STATUS = 'FAILED'")).isEqualTo(1);
            DcfInvariants.assertHold(h);
        }
    }

    @Test
    void a_loader_started_while_the_database_is_down_waits_and_recovers_without_a_restart() throws Exception {
        LocalDate date = LocalDate.of(2026, 2, 3);
        int http = FreePorts.next();
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            LoaderHarness.Options options = throughProxy(proxy, "outage_at_start", http);
            proxy.cut();
            try (LoaderHarness h = LoaderHarness.startUninitialized("outage-at-start", options)) {
                assertThat(h.loader().isInitialized()).isFalse();
                assertThat(readiness(http)).isEqualTo(503);
                h.generate("BCFINSG_CA", date, 1_000, 0);

                proxy.restore();

                await().atMost(30, TimeUnit.SECONDS).until(() -> h.loader().isInitialized() && readiness(http) == 200);
                assertThat(h.run(date).status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", date)).isEqualTo(1_000);
            }
        }
    }
}
