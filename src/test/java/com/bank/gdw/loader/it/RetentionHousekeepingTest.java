package com.bank.gdw.loader.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.DcfClock;
import com.bank.gdw.loader.dcf.RetentionPurge;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Housekeeping of the archive: files past their retention are deleted and their lineage PURGED; nothing else is touched. */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionHousekeepingTest extends ScenarioTest {

    private static final int RETENTION_DAYS = 30;

    RetentionHousekeepingTest(TestDatabase database) {
        // the database is chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        h = LoaderHarness.start("housekeeping-" + database, LoaderHarness.options().database(database, "housekeeping")
                .property("loader.retention.days", String.valueOf(RETENTION_DAYS)));
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Loads one unit of the date and returns the run; its two files end in the archives. */
    private static RunOutcome load(String unit, LocalDate date) {
        h.generate(unit, date, 50, 0);
        RunOutcome outcome = h.run(date);
        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        return outcome;
    }

    private static List<Map<String, Object>> lineage(long runId) {
        return h.rows("SELECT l.* FROM DCF_T_DATA_LINEAGE l JOIN DCF_T_PRCS_INST p ON p.PRCS_INST_ID = l.PRCS_INST_ID "
                + "WHERE p.STRM_INST_ID = ? ORDER BY l.LINEAGE_ID", runId);
    }

    /** Seven years later, as far as the run's lineage is concerned: its expiry date was yesterday. */
    private static void expire(long runId) {
        h.execute("UPDATE DCF_T_DATA_LINEAGE SET RETENTION_EXPIRY_DATE = ? WHERE PRCS_INST_ID IN "
                + "(SELECT PRCS_INST_ID FROM DCF_T_PRCS_INST WHERE STRM_INST_ID = ?)", java.sql.Date.valueOf(today().minusDays(1)), runId);
    }

    private static RetentionPurge.Result housekeeping() {
        return h.context().createProducerTemplate().requestBody("direct:housekeeping", null, RetentionPurge.Result.class);
    }

    private static List<Path> archivePaths(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> Path.of((String) r.get("ARCHIVE_PATH"))).toList();
    }

    @Test
    void lineage_rows_expire_after_the_configured_retention() {
        RunOutcome run = load("BCFINSG_CA", LocalDate.of(2026, 3, 2));

        assertThat(lineage(run.runId())).hasSize(2).allSatisfy(r -> {
            assertThat(r).containsEntry("LIFECYCLE_STAGE", "ARCHIVED").containsEntry("ARCHIVE_STATUS", "ARCHIVED");
            assertThat(r.get("RETENTION_EXPIRY_DATE").toString()).isEqualTo(today().plusDays(RETENTION_DAYS).toString());
        });
    }

    /**
     * The retention reached by time rather than by editing the expiry: the purge as it runs on the expiry date keeps the
     * files, the day after deletes them. Last in the class, because a purge 31 days ahead takes every file archived today.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void a_file_is_kept_through_its_expiry_date_and_purged_the_day_after() {
        RunOutcome run = load("BCFINSG_CB", LocalDate.of(2026, 3, 9));
        List<Path> files = archivePaths(lineage(run.runId()));
        ControlTables dcf = h.loader().dcf();

        RetentionPurge onExpiry = new RetentionPurge(dcf.jdbi(), new DcfClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(RETENTION_DAYS))));
        assertThat(onExpiry.purgeExpired()).isEqualTo(new RetentionPurge.Result(0, 0, 0));
        assertThat(files).hasSize(2).allSatisfy(p -> assertThat(p).exists());

        RetentionPurge dayAfter = new RetentionPurge(dcf.jdbi(), new DcfClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(RETENTION_DAYS + 1))));
        assertThat(dayAfter.purgeExpired().deleted()).isGreaterThanOrEqualTo(2);
        assertThat(files).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(lineage(run.runId())).hasSize(2).allSatisfy(r -> assertThat(r).containsEntry("LIFECYCLE_STAGE", "PURGED"));
    }

    @Test
    void expired_archived_files_are_deleted_and_purged_while_unexpired_ones_stay() {
        RunOutcome old = load("BCFINSG_CA", LocalDate.of(2026, 3, 3));
        RunOutcome recent = load("BCFINSG_CA", LocalDate.of(2026, 3, 4));
        expire(old.runId());
        List<Path> oldFiles = archivePaths(lineage(old.runId()));
        List<Path> recentFiles = archivePaths(lineage(recent.runId()));
        assertThat(oldFiles).hasSize(2).allSatisfy(p -> assertThat(p).exists());

        RetentionPurge.Result result = housekeeping();

        assertThat(result.deleted()).isEqualTo(2);
        assertThat(result.alreadyGone()).isZero();
        assertThat(oldFiles).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(lineage(old.runId())).hasSize(2).allSatisfy(r -> {
            assertThat(r).containsEntry("LIFECYCLE_STAGE", "PURGED").containsEntry("ARCHIVE_STATUS", "DELETED");
            assertThat(r.get("PURGED_TS")).isNotNull();
        });
        assertThat(recentFiles).hasSize(2).allSatisfy(p -> assertThat(p).exists());
        assertThat(lineage(recent.runId())).allSatisfy(r -> {
            assertThat(r).containsEntry("LIFECYCLE_STAGE", "ARCHIVED").containsEntry("ARCHIVE_STATUS", "ARCHIVED");
            assertThat(r.get("PURGED_TS")).isNull();
        });
        // a second housekeeping finds nothing more to do
        assertThat(housekeeping()).isEqualTo(new RetentionPurge.Result(0, 0, 0));
    }

    @Test
    void an_expired_file_that_is_already_gone_is_still_marked_purged() throws Exception {
        RunOutcome run = load("BCFINSG_CB", LocalDate.of(2026, 3, 5));
        expire(run.runId());
        List<Path> files = archivePaths(lineage(run.runId()));
        Files.delete(files.get(0));

        RetentionPurge.Result result = housekeeping();

        assertThat(result.alreadyGone()).isEqualTo(1);
        assertThat(result.deleted()).isEqualTo(1);
        assertThat(files.get(1)).doesNotExist();
        assertThat(lineage(run.runId())).extracting(r -> r.get("LIFECYCLE_STAGE") + " " + r.get("ARCHIVE_STATUS"))
                .containsExactly("PURGED MISSING", "PURGED DELETED");
    }

    @Test
    void files_in_the_archive_that_no_expired_lineage_row_names_are_left_alone() throws Exception {
        RunOutcome run = load("BCFINSG_CA", LocalDate.of(2026, 3, 6));
        Path stranger = Files.writeString(h.archiveLoad().resolve("put-here-by-hand.txt"), "not the loader's");
        expire(run.runId());

        housekeeping();

        assertThat(stranger).exists();
        assertThat(archivePaths(lineage(run.runId()))).allSatisfy(p -> assertThat(p).doesNotExist());
    }

    @Test
    void the_quartz_schedule_runs_the_housekeeping_when_enabled() {
        try (LoaderHarness scheduled = LoaderHarness.start("housekeeping-schedule", LoaderHarness.options()
                .property("loader.housekeeping.enabled", "true").property("loader.housekeeping.cron", "0/1 * * * * ?"))) {
            FeedGenerator.Generated g = scheduled.generate("BCFINSG_CA", LocalDate.of(2026, 3, 7), 20, 0);
            assertThat(scheduled.run(LocalDate.of(2026, 3, 7)).status()).isEqualTo(RunStatus.COMPLETED);
            Path archived = scheduled.archiveLoad().resolve(g.loadFile().getFileName());
            assertThat(archived).exists();

            scheduled.execute("UPDATE DCF_T_DATA_LINEAGE SET RETENTION_EXPIRY_DATE = ?", java.sql.Date.valueOf(today().minusDays(1)));

            await().atMost(30, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                    .until(() -> scheduled.number("SELECT COUNT(*) FROM DCF_T_DATA_LINEAGE WHERE LIFECYCLE_STAGE = 'PURGED'") == 2);
            assertThat(archived).doesNotExist();
        }
    }
}
