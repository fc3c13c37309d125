package com.bank.gdw.loader.it;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two loader JVMs share one landing directory and one PostgreSQL database: every unit is loaded exactly once, the
 * stream never runs twice at once, and when the lease holder is killed the other instance takes over after the lease.
 */
class MultiInstanceTest {

    private static final StreamDefinition STREAM = new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"));
    private static final String UNITS = "0123456789ABCDEFGHIJ";

    /** A serve process; each has its own instance name, as on two hosts, so a takeover must wait for the lease. */
    private static Map<String, String> serve(Path data, String url, String instance) {
        Map<String, String> p = new HashMap<>();
        p.put("loader.instance.name", instance);
        p.put("loader.data-dir", data.toString());
        p.put("loader.db.url", url);
        p.put("loader.db.user", TestDatabase.PG_USER);
        p.put("loader.files.settle-ms", "300");
        p.put("loader.trigger.poll-delay-ms", "300");
        p.put("loader.trigger.quiet-period-ms", "500");
        p.put("loader.sweep.enabled", "true");
        p.put("loader.sweep.cron", "0/2 * * * * ?");
        p.put("loader.lease.seconds", "4");
        p.put("loader.lease.heartbeat-seconds", "1");
        p.put("camel.server.enabled", "false");
        return p;
    }

    private static void generate(Path landing, LocalDate date, int rows) throws Exception {
        FeedGenerator g = new FeedGenerator(STREAM);
        for (char c : UNITS.toCharArray()) {
            g.generate(landing, "BCFINSG_C" + c, date, rows, 0);
        }
    }

    /** Runs of the stream as [start, end] in the database's clock; a run still going ends "now". */
    private static List<long[]> runIntervals(LoaderHarness h) {
        List<long[]> out = new ArrayList<>();
        for (Map<String, Object> r : h.rows("SELECT STRM_START_TS, STRM_END_TS FROM DCF_T_STRM_INST ORDER BY STRM_START_TS")) {
            long start = ((Timestamp) r.get("STRM_START_TS")).getTime();
            long end = r.get("STRM_END_TS") == null ? Long.MAX_VALUE : ((Timestamp) r.get("STRM_END_TS")).getTime();
            out.add(new long[] {start, end});
        }
        return out;
    }

    private static void assertNeverTwoRunsAtOnce(LoaderHarness h) {
        List<long[]> runs = runIntervals(h);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i)[0]).as("run %d starts after run %d ended", i, i - 1).isGreaterThanOrEqualTo(runs.get(i - 1)[1]);
        }
    }

    private static void assertEachUnitLoadedOnce(LoaderHarness h, LocalDate date, int rows) {
        assertThat(h.rows("SELECT PRCS_NAME, COUNT(*) AS N FROM DCF_T_PRCS_INST WHERE PRCS_BUS_DT = ? AND PRCS_STATUS = 'COMPLETED' GROUP BY PRCS_NAME", date))
                .hasSize(UNITS.length()).allSatisfy(r -> assertThat(((Number) r.get("N")).intValue()).isEqualTo(1));
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", date)).isEqualTo((long) UNITS.length() * rows);
    }

    @Test
    void two_instances_load_every_unit_once_and_one_takes_over_when_the_other_is_killed() throws Exception {
        Path data = Path.of("target", "it", "multi-instance").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        String url = TestDatabase.POSTGRESQL.freshUrl("multi_instance");
        LocalDate first = LocalDate.of(2026, 1, 5);
        LocalDate second = LocalDate.of(2026, 1, 6);

        try (ChildLoader a = ChildLoader.start(data.resolve("a.log"), serve(data, url, "node-a"), Map.of(), "serve");
             ChildLoader b = ChildLoader.start(data.resolve("b.log"), serve(data, url, "node-b"), Map.of(), "serve");
             LoaderHarness h = LoaderHarness.start("multi-instance", LoaderHarness.options().existing(url))) {
            generate(h.landing(), first, 2_000);
            await().atMost(3, TimeUnit.MINUTES).pollInterval(500, TimeUnit.MILLISECONDS)
                    .until(() -> h.number("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE PRCS_BUS_DT = ? AND PRCS_STATUS = 'COMPLETED'", first)
                            == UNITS.length() && LoaderHarness.files(h.landing()).isEmpty());
            assertEachUnitLoadedOnce(h, first, 2_000);
            assertNeverTwoRunsAtOnce(h);

            generate(h.landing(), second, 40_000);
            await().atMost(2, TimeUnit.MINUTES).pollInterval(200, TimeUnit.MILLISECONDS)
                    .until(() -> h.number("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE PRCS_BUS_DT = ? AND PRCS_STATUS = 'COMPLETED'", second) >= 2);
            String holder = (String) h.rows("SELECT OWNER_ID FROM DCF_T_STRM_LOCK WHERE STRM_ID = 1490").get(0).get("OWNER_ID");
            long holderPid = Long.parseLong(holder.split(":")[1]);
            ChildLoader killed = holderPid == a.pid() ? a : b;
            ChildLoader survivor = killed == a ? b : a;
            killed.kill();
            Timestamp leaseEnd = (Timestamp) h.rows("SELECT LEASE_EXPIRES_TS FROM DCF_T_STRM_LOCK WHERE STRM_ID = 1490").get(0)
                    .get("LEASE_EXPIRES_TS");

            await().atMost(3, TimeUnit.MINUTES).pollInterval(500, TimeUnit.MILLISECONDS)
                    .until(() -> h.number("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE PRCS_BUS_DT = ? AND PRCS_STATUS = 'COMPLETED'", second)
                            == UNITS.length() && LoaderHarness.files(h.landing()).isEmpty());
            assertThat(survivor.isAlive()).isTrue();
            assertEachUnitLoadedOnce(h, second, 40_000);
            assertNeverTwoRunsAtOnce(h);
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE STRM_STATUS = 'ABANDONED'")).isEqualTo(1);
            Timestamp takenOver = (Timestamp) h.rows("SELECT STRM_END_TS FROM DCF_T_STRM_INST WHERE STRM_STATUS = 'ABANDONED'").get(0)
                    .get("STRM_END_TS");
            assertThat(takenOver).as("the survivor waited for the dead holder's lease to expire").isAfterOrEqualTo(leaseEnd);
            String newHolder = (String) h.rows("SELECT STRM_INST_ID, HOST_NAME, OWNER_ID FROM DCF_T_STRM_INST WHERE BUS_DT = ? "
                    + "AND STRM_STATUS = 'COMPLETED' ORDER BY STRM_INST_ID DESC", second).get(0).get("OWNER_ID");
            assertThat(newHolder).contains(":" + survivor.pid() + ":");
            for (char c : UNITS.toCharArray()) {
                for (LocalDate d : List.of(first, second)) {
                    h.dropped(Path.of(STREAM.files().loadName("BCFINSG_C" + c, d, true)));
                    h.dropped(Path.of(STREAM.files().triggerName("BCFINSG_C" + c, d)));
                }
            }
            DcfInvariants.assertHold(h);
            survivor.terminate();
            survivor.awaitExit(Duration.ofMinutes(1));
        }
    }
}
