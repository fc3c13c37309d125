package com.bank.gdw.loader.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.UnitRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard, rendered by a real headless Chromium against the running loader, shows the stream, the run and the
 * per-unit figures and quality bands of a test load. Needs Debian's chromium (/usr/bin/chromium): it fails, not skips,
 * without it.
 */
class DashboardTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
    private static final LocalDate DATE = LocalDate.of(2026, 5, 4);

    private static RunningLoader loader;
    private static RunRecord run;
    private static List<UnitRecord> units;

    @BeforeAll
    static void load() {
        loader = RunningLoader.start("DashboardTest", Map.of());
        loader.drop(DATE, 1200);
        await().atMost(Duration.ofSeconds(60)).until(() -> loader.completedRun(DATE).isPresent());
        run = loader.completedRun(DATE).orElseThrow();
        var dcf = loader.loader().dcf();
        units = dcf.jdbi().withHandle(h -> dcf.processes().ofRun(h, run.id()));
    }

    @AfterAll
    static void stop() {
        if (loader != null) {
            loader.close();
        }
    }

    /** Chromium's DOM of /dashboard/ lists the completed run and, per unit, its counts and its quality bands. */
    @Test
    void dashboard_shows_the_run_its_unit_figures_and_quality_bands() throws Exception {
        String dom = renderedDom(loader.baseUrl() + "/dashboard/");

        assertThat(dom).contains("BCFINSG_PLAN_BALN_SEGM_LOAD").contains("PLAN_BALN_SEGM_MSTR");
        assertThat(dom).containsPattern("<tr[^>]*data-run-id=\"" + run.id() + "\"[^>]*data-status=\"COMPLETED\"");
        assertThat(dom).contains("2026-05-04");
        assertThat(dom).doesNotContain("cannot read the API");
        assertThat(units).hasSize(2);
        for (UnitRecord u : units) {
            String row = row(dom, u.id());
            assertThat(row).contains(u.fileName()).contains("COMPLETED");
            assertThat(cell(row, "input")).isEqualTo(thousands(u.figures().inputRows()));
            assertThat(cell(row, "written")).isEqualTo(thousands(u.figures().rowsWritten()));
            assertThat(cell(row, "rejected")).isEqualTo(thousands(u.figures().rejectedRows()));
            assertThat(cell(row, "duplicates")).isEqualTo(thousands(u.figures().duplicateRows()));
            assertThat(dom).containsPattern("<rect[^>]*data-unit=\"" + u.unit() + "\" data-band=\"HIGH\" data-rows=\"" + u.figures().highRows() + "\"");
            assertThat(dom).containsPattern("<rect[^>]*data-unit=\"" + u.unit() + "\" data-band=\"LOW\" data-rows=\"" + u.figures().lowRows() + "\"");
        }
        assertThat(units.get(0).figures().lowRows()).isPositive();
    }

    /** A business date alerted as late and not loaded yet (DCF_T_FEED_LATE) puts a "late" badge on its stream's card. */
    @Test
    void a_late_feed_shows_a_late_badge_on_its_stream() throws Exception {
        var dcf = loader.loader().dcf();
        int streamId = loader.loader().streams().all().iterator().next().id();
        dcf.jdbi().useHandle(h -> h.execute("INSERT INTO DCF_T_FEED_LATE (STRM_ID, BUS_DT, DUE_TS, MISSING_UNITS, ALERT_TS) "
                + "VALUES (?, DATE '2026-05-05', TIMESTAMP '2026-05-06 04:00:00', 'BCFINSG_CB', TIMESTAMP '2026-05-06 04:05:00')", streamId));
        try {
            String dom = renderedDom(loader.baseUrl() + "/dashboard/");

            assertThat(dom).containsPattern("<span class=\"badge late\"[^>]*>late</span>");
            assertThat(dom).contains("2026-05-05 (BCFINSG_CB)");
        } finally {
            dcf.jdbi().useHandle(h -> h.execute("DELETE FROM DCF_T_FEED_LATE"));
        }
        assertThat(renderedDom(loader.baseUrl() + "/dashboard/")).doesNotContain("badge late");
    }

    /** The table row of one process instance. */
    private static String row(String dom, long processId) {
        Matcher m = Pattern.compile("<tr[^>]*data-process-id=\"" + processId + "\".*?</tr>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("row of process instance %d in the dashboard", processId).isTrue();
        return m.group();
    }

    private static String cell(String row, String kind) {
        Matcher m = Pattern.compile("<td class=\"num " + kind + "\">([^<]*)</td>").matcher(row);
        assertThat(m.find()).as("%s cell in %s", kind, row).isTrue();
        return m.group(1);
    }

    private static String thousands(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** Runs headless Chromium once on the page and returns the DOM after its scripts have fetched and drawn. */
    static String renderedDom(String url) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("headless Chromium is needed at %s: apt-get install -y chromium chromium-driver", CHROMIUM).isTrue();
        Path work = RunningLoader.freshDataDir("chromium");
        Path out = work.resolve("dom.html");
        Path err = work.resolve("chromium.log");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + work.resolve("profile"),
                "--virtual-time-budget=15000", "--dump-dom", url));
        Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s; see " + err);
        }
        assertThat(chromium.exitValue()).as("chromium exit code; see %s", err).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
