package com.bank.gdw.loader.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real file consumer: files dropped into landing are noticed, loaded in one run per date, and archived. */
class FileDropTest {

    private static LoaderHarness h;

    @BeforeAll
    static void start() {
        // the sweep off: what is loaded here, the file drop noticed
        h = LoaderHarness.start("file-drop", LoaderHarness.options().triggers().property("loader.sweep.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void dropped_files_are_loaded_by_one_file_triggered_run_and_archived() {
        LocalDate date = LocalDate.of(2026, 8, 3);
        FeedGenerator.Generated ca = h.generate("BCFINSG_CA", date, 400, 0.01);
        FeedGenerator.Generated cb = h.generate("BCFINSG_CB", date, 300, 0);

        await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> h.number("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE BUS_DT = ? AND STRM_STATUS <> 'RUNNING'", date) == 1);

        assertThat(h.rows("SELECT STRM_STATUS, TRIGGER_TYPE FROM DCF_T_STRM_INST WHERE BUS_DT = ?", date))
                .extracting(r -> r.get("STRM_STATUS") + " " + r.get("TRIGGER_TYPE")).containsExactly("COMPLETED FILE");
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", date)).isEqualTo(ca.expectedWritten() + 300);
        assertThat(LoaderHarness.files(h.landing())).isEmpty();
        assertThat(LoaderHarness.files(h.archiveLoad())).contains(ca.loadFile().getFileName().toString(), cb.loadFile().getFileName().toString());
        DcfInvariants.assertHold(h);
    }

    /** An empty trigger file is a valid one (feed-bcfinsg.md 1): the file drop notices it as it does one with a control line. */
    @Test
    void a_unit_whose_trigger_file_is_empty_is_loaded_by_the_file_drop() throws IOException {
        LocalDate date = LocalDate.of(2026, 8, 4);
        FeedGenerator.Generated g = h.generate(new FeedGenerator(h.stream()).controlLine(false), "BCFINSG_CA", date, 200, 0);
        assertThat(Files.size(g.triggerFile())).isZero();

        awaitEndedRuns(date, 1);

        assertThat(h.rows("SELECT STRM_STATUS, TRIGGER_TYPE FROM DCF_T_STRM_INST WHERE BUS_DT = ?", date))
                .extracting(r -> r.get("STRM_STATUS") + " " + r.get("TRIGGER_TYPE")).containsExactly("COMPLETED FILE");
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", date)).isEqualTo(200);
        DcfInvariants.assertHold(h);
    }

    /**
     * A unit sent again under the same names is a new arrival, even when its trigger keeps the size and time of the
     * first (an empty trigger copied with cp -p, sftp -p or rsync -t): the file drop starts a run for it, and the
     * resend replaces the first load.
     */
    @Test
    void a_resend_whose_trigger_has_the_same_name_size_and_time_starts_another_run() throws IOException {
        LocalDate date = LocalDate.of(2026, 8, 5);
        FeedGenerator empty = new FeedGenerator(h.stream()).controlLine(false);
        FeedGenerator.Generated first = h.generate(empty, "BCFINSG_CA", date, 100, 0);
        FileTime sent = Files.getLastModifiedTime(first.triggerFile());
        awaitEndedRuns(date, 1);

        // the resend is written aside, its trigger given the first one's time, then moved in (load file first)
        Path aside = Files.createDirectories(h.dataDir().resolve("resend"));
        FeedGenerator.Generated resend = new FeedGenerator(h.stream()).controlLine(false).seed(7).generate(aside, "BCFINSG_CA", date, 150, 0);
        Files.setLastModifiedTime(resend.triggerFile(), sent);
        h.dropped(Files.move(resend.loadFile(), h.landing().resolve(resend.loadFile().getFileName())));
        h.dropped(Files.move(resend.triggerFile(), h.landing().resolve(resend.triggerFile().getFileName())));

        awaitEndedRuns(date, 2);

        assertThat(h.rows("SELECT STRM_STATUS, TRIGGER_TYPE FROM DCF_T_STRM_INST WHERE BUS_DT = ? ORDER BY STRM_INST_ID", date))
                .extracting(r -> r.get("STRM_STATUS") + " " + r.get("TRIGGER_TYPE")).containsExactly("COMPLETED FILE", "COMPLETED FILE");
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", date)).isEqualTo(150);
        assertThat(LoaderHarness.files(h.landing())).isEmpty();
        DcfInvariants.assertHold(h);
    }

    /** Dates dropped together are run oldest first (feed-bcfinsg.md 1: ascending business date), whatever order they arrive in. */
    @Test
    void dates_dropped_together_are_run_oldest_first() throws IOException {
        Path aside = Files.createDirectories(h.dataDir().resolve("burst"));
        List<LocalDate> dates = new ArrayList<>();
        List<FeedGenerator.Generated> units = new ArrayList<>();
        for (int day = 20; day >= 13; day--) {
            LocalDate date = LocalDate.of(2026, 8, day);
            dates.add(0, date);
            units.add(new FeedGenerator(h.stream()).generate(aside, "BCFINSG_CB", date, 20, 0));
        }
        for (FeedGenerator.Generated g : units) {   // the newest date first
            h.dropped(Files.move(g.loadFile(), h.landing().resolve(g.loadFile().getFileName())));
            h.dropped(Files.move(g.triggerFile(), h.landing().resolve(g.triggerFile().getFileName())));
        }

        await().atMost(90, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).until(() -> h.number(
                "SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE BUS_DT BETWEEN ? AND ? AND STRM_STATUS <> 'RUNNING'",
                dates.get(0), dates.get(dates.size() - 1)) == dates.size());

        assertThat(h.rows("SELECT BUS_DT FROM DCF_T_STRM_INST WHERE BUS_DT BETWEEN ? AND ? ORDER BY STRM_INST_ID",
                dates.get(0), dates.get(dates.size() - 1))).extracting(r -> LocalDate.parse(r.get("BUS_DT").toString()))
                .containsExactlyElementsOf(dates);
    }

    private static void awaitEndedRuns(LocalDate date, int runs) {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> h.number("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE BUS_DT = ? AND STRM_STATUS <> 'RUNNING'", date) == runs);
    }
}
