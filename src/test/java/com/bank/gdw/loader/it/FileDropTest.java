package com.bank.gdw.loader.it;

import java.time.LocalDate;
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
        h = LoaderHarness.start("file-drop", LoaderHarness.options().triggers());
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
}
