package com.bank.gdw.loader.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A lease holder frozen past its lease (SIGSTOP, as in a long GC pause or a frozen VM) while another instance takes
 * over and finishes the date, then thawed: it changes nothing more. Each unit has exactly one outcome, each run one
 * notification, and the files are where the winner put them (PostgreSQL: instances on several hosts share it).
 */
class LeaseFencingTest {

    private static final LocalDate DATE = LocalDate.of(2026, 8, 3);
    private static final String YYYYMMDD = "20260803";
    private static final int ROWS = 3_000;
    private static final Path FIXTURE = Path.of("target", "it", "fencing-fixture").toAbsolutePath();
    private static final StreamDefinition STREAM = new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"));
    private static List<String> fixtureFiles;

    @BeforeAll
    static void fixture() throws IOException {
        LoaderHarness.deleteTree(FIXTURE);
        FeedGenerator g = new FeedGenerator(STREAM);
        g.generate(FIXTURE, "BCFINSG_CA", DATE, ROWS, 0);
        g.generate(FIXTURE, "BCFINSG_CB", DATE, ROWS, 0);
        try (Stream<Path> s = Files.list(FIXTURE)) {
            fixtureFiles = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The holder: a one-shot run with a three-second lease renewed every second, paused at {@code point}. */
    private static Map<String, String> holder(Path data, String url, String point) {
        Map<String, String> p = new HashMap<>();
        p.put("loader.instance.name", "node-a");
        p.put("loader.data-dir", data.toString());
        p.put("loader.db.url", url);
        p.put("loader.db.user", TestDatabase.PG_USER);
        p.put("loader.files.settle-ms", "0");
        p.put("loader.lease.seconds", "3");
        p.put("loader.lease.heartbeat-seconds", "1");
        p.put("loader.fault.pause-at", point);
        p.put("loader.fault.dir", data.resolve("fault").toString());
        // its OpenLineage events go through the outbox too: a holder that lost its lease must write none
        p.put("loader.openlineage.file", data.resolve("lineage.jsonl").toString());
        return p;
    }

    /**
     * {@code winnerExit}: the exit code of the winner's run. Frozen before its report, the holder had archived every
     * unit, so the winner finds no source data (3); frozen earlier, a unit is left for the winner to load (0).
     */
    @ParameterizedTest(name = "holder frozen at {0}: the winner exits {1}")
    @CsvSource({"unit-after-id, 0", "after-commit, 0", "before-report, 3"})
    void a_holder_frozen_past_its_lease_changes_nothing_once_another_instance_took_over(String point, int winnerExit) throws Exception {
        String name = "fencing-" + point;
        Path data = Path.of("target", "it", name).toAbsolutePath();
        LoaderHarness.deleteTree(data);
        Path landing = Files.createDirectories(data.resolve("landing"));
        for (String f : fixtureFiles) {
            Files.copy(FIXTURE.resolve(f), landing.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        String url = TestDatabase.POSTGRESQL.freshUrl("fencing_" + point.replace('-', '_'));

        try (ChildLoader frozen = ChildLoader.start(data.resolve("holder.log"), holder(data, url, point), Map.of(),
                "run", "--date", YYYYMMDD)) {
            // given a holder frozen at the point, whole JVM and heartbeat alike, until its lease has expired
            assertThat(frozen.awaitFile(data.resolve("fault").resolve(point + ".reached"), Duration.ofMinutes(2)))
                    .as("pause point %s reached; log:%n%s", point, frozen.output()).isTrue();
            frozen.suspend();
            try (LoaderHarness winner = LoaderHarness.start(name, LoaderHarness.options().existing(url)
                    .property("loader.instance.name", "node-b"))) {
                long frozenRun = winner.number("SELECT MAX(STRM_INST_ID) FROM DCF_T_STRM_INST");
                // expired; or, when the winner's start took longer than the lease (a loaded machine), already taken over
                // by the winner's start-up recovery, which abandoned the frozen run and released the lease (all NULL)
                await().atMost(30, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).until(() -> winner.number(
                        "SELECT COUNT(*) FROM DCF_T_STRM_LOCK WHERE STRM_ID = 1490 AND (OWNER_ID IS NULL "
                                + "OR LEASE_EXPIRES_TS < (clock_timestamp() AT TIME ZONE 'UTC'))") == 1);

                // when another instance takes over and finishes the date
                assertThat(winner.run(DATE).exitCode()).isEqualTo(winnerExit);
                long winnerRun = winner.number("SELECT MAX(STRM_INST_ID) FROM DCF_T_STRM_INST");
                assertThat(winnerRun).isGreaterThan(frozenRun);
                Map<String, String> filesByWinner = places(data);
                List<Map<String, Object>> outcomesByWinner = outcomes(winner);
                long logRowsByWinner = winner.number("SELECT COUNT(*) FROM DCF_T_PRCS_EXEC_LOG");
                long outboxRowsByWinner = winner.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS");
                String reportByWinner = report(data);

                // and then the frozen holder thaws and runs on
                Files.writeString(data.resolve("fault").resolve(point + ".release"), "go");
                frozen.resume();
                frozen.awaitExit(Duration.ofMinutes(2));

                // then it changed nothing: no status, no move, no report, no mail
                assertThat(outcomes(winner)).as("unit and run outcomes; holder log:%n%s", frozen.output()).isEqualTo(outcomesByWinner);
                assertThat(places(data)).as("the files are where the winner put them").isEqualTo(filesByWinner);
                assertThat(winner.number("SELECT COUNT(*) FROM DCF_T_PRCS_EXEC_LOG")).as("execution log rows").isEqualTo(logRowsByWinner);
                assertThat(report(data)).as("the report files").isEqualTo(reportByWinner);
                assertThat(winner.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS")).as("outbox rows (mails and lineage events)")
                        .isEqualTo(outboxRowsByWinner);
                assertThat(winner.rows("SELECT STRM_INST_ID, COUNT(*) AS N FROM DCF_T_NOTIFICATIONS "
                        + "WHERE NOTIFICATION_TYPE <> 'OPENLINEAGE_EVENT' GROUP BY STRM_INST_ID"))
                        .as("one notification per run").allSatisfy(r -> assertThat(((Number) r.get("N")).intValue()).isEqualTo(1));
                assertThat(winner.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ? "
                        + "AND NOTIFICATION_TYPE <> 'OPENLINEAGE_EVENT'", frozenRun))
                        .as("the frozen run's one notification, from the winner's recovery").isEqualTo(1);
                assertThat(winner.rows("SELECT PRCS_NAME, COUNT(*) AS N FROM DCF_T_PRCS_INST WHERE PRCS_STATUS <> 'ABANDONED' GROUP BY PRCS_NAME"))
                        .as("exactly one outcome per unit").hasSize(2)
                        .allSatisfy(r -> assertThat(((Number) r.get("N")).intValue()).isEqualTo(1));
                assertThat(winner.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", DATE)).isEqualTo(2L * ROWS);
                assertThat(winner.number("SELECT COUNT(*) FROM DCF_T_DATA_LINEAGE")).as("one lineage row per archived file")
                        .isEqualTo(fixtureFiles.size());
                assertThat(LoaderHarness.files(landing)).isEmpty();
                assertThat(LoaderHarness.files(data.resolve("error"))).isEmpty();
                fixtureFiles.forEach(f -> winner.dropped(Path.of(f)));
                DcfInvariants.assertHold(winner);
            }
        }
    }

    /** Every run's and unit's status, by id. */
    private static List<Map<String, Object>> outcomes(LoaderHarness h) {
        List<Map<String, Object>> all = new java.util.ArrayList<>(h.rows(
                "SELECT STRM_INST_ID AS ID, STRM_STATUS AS STATUS, STRM_END_TS AS END_TS FROM DCF_T_STRM_INST ORDER BY 1"));
        all.addAll(h.rows("SELECT PRCS_INST_ID AS ID, PRCS_STATUS AS STATUS, PRCS_END_TS AS END_TS FROM DCF_T_PRCS_INST ORDER BY 1"));
        all.addAll(h.rows("SELECT MOVE_ID AS ID, MOVE_STATUS AS STATUS, DONE_TS AS END_TS FROM DCF_T_FILE_MOVE ORDER BY 1"));
        return all;
    }

    /** Where each file of the data directory is (landing, archive, error), with its size. */
    private static Map<String, String> places(Path data) throws IOException {
        Map<String, String> found = new java.util.TreeMap<>();
        for (String dir : List.of("landing", "archive/outbound", "archive/inbound", "error")) {
            for (String f : LoaderHarness.files(data.resolve(dir))) {
                found.put(dir + "/" + f, String.valueOf(Files.size(data.resolve(dir).resolve(f))));
            }
        }
        return found;
    }

    /** The report files' text, by name. */
    private static String report(Path data) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : LoaderHarness.files(data.resolve("reports"))) {
            sb.append(f).append('\n').append(Files.readString(data.resolve("reports").resolve(f))).append('\n');
        }
        return sb.toString();
    }
}
