package com.bank.gdw.loader.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corrected resend renamed into landing while the unit of the same names loads (issue 9 §1) is a new unit for the
 * next run: the unit archives the file it loaded, never the corrected one, and the next run loads the correction.
 */
class ResendDuringLoadTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final String YYYYMMDD = "20261123";
    private static final StreamDefinition STREAM = new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"));

    static Stream<TestDatabase> databases() {
        return TestDatabase.enabled().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_corrected_resend_dropped_during_the_load_stays_in_landing_and_the_next_run_loads_it(TestDatabase db) throws Exception {
        String name = "resend-during-load-" + db;
        Path data = Path.of("target", "it", name).toAbsolutePath();
        LoaderHarness.deleteTree(data);
        Path landing = data.resolve("landing");
        Path fault = data.resolve("fault");
        FeedGenerator.Generated first = new FeedGenerator(STREAM).seed(1).generate(landing, "BCFINSG_CA", DATE, 5_000, 0);
        FeedGenerator.Generated corrected = new FeedGenerator(STREAM).seed(2)
                .generate(data.resolve("sender"), "BCFINSG_CA", DATE, 3_000, 0);
        String loadName = first.loadFile().getFileName().toString();
        String triggerName = first.triggerFile().getFileName().toString();
        byte[] firstBytes = Files.readAllBytes(first.loadFile());
        byte[] correctedBytes = Files.readAllBytes(corrected.loadFile());
        String url = db.freshUrl("resend_during_load");
        Map<String, String> props = new HashMap<>();
        props.put("loader.data-dir", data.toString());
        props.put("loader.files.settle-ms", "0");
        props.put("loader.fault.pause-at", "mid-read");
        props.put("loader.fault.dir", fault.toString());
        if (url != null) {
            props.put("loader.db.url", url);
            props.put("loader.db.user", TestDatabase.PG_USER);
        }

        // given the unit of BCFINSG_CA held while it reads its file
        try (ChildLoader child = ChildLoader.start(data.resolve("child.log"), props, Map.of(), "run", "--date", YYYYMMDD)) {
            assertThat(child.awaitFile(fault.resolve("mid-read.reached"), Duration.ofMinutes(2))).as(child.output()).isTrue();

            // when the sender renames a corrected file with the same names into landing, load file first, then trigger
            Files.move(corrected.loadFile(), landing.resolve(loadName), StandardCopyOption.ATOMIC_MOVE);
            Files.move(corrected.triggerFile(), landing.resolve(triggerName), StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(fault.resolve("mid-read.release"), "");

            assertThat(child.awaitExit(Duration.ofMinutes(2))).as(child.output()).isZero();
        }

        // then the run archived the file it loaded, and the corrected one waits in landing, untouched
        assertThat(data.resolve("archive/outbound").resolve(loadName)).hasBinaryContent(firstBytes);
        assertThat(landing.resolve(loadName)).hasBinaryContent(correctedBytes);
        assertThat(landing.resolve(triggerName)).exists();

        // and the next run loads the correction in place of the first file's rows
        try (LoaderHarness h = LoaderHarness.start(name, LoaderHarness.options().existing(url))) {
            assertThat(h.run(DATE).exitCode()).isZero();
            assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", DATE)).isEqualTo(3_000);
            assertThat(LoaderHarness.files(landing)).isEmpty();
            assertThat(h.rows("SELECT ARCHIVE_PATH FROM DCF_T_DATA_LINEAGE WHERE FILE_ROLE = 'LOAD' ORDER BY LINEAGE_ID"))
                    .extracting(r -> Path.of((String) r.get("ARCHIVE_PATH")))
                    .satisfiesExactly(p -> assertThat(p).hasBinaryContent(firstBytes), p -> assertThat(p).hasBinaryContent(correctedBytes));
            h.dropped(first.loadFile());
            h.dropped(first.triggerFile());
            DcfInvariants.assertHold(h);
        } finally {
            db.drop("resend_during_load");
        }
    }
}
