package com.bank.gdw.loader.ops;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stream MBean's validate(date) and replay(from, to) on each database, invoked in the loader's own MBean server (the
 * remote, password-protected connector is StreamJmxTest's business): validate answers what a run of the landed files
 * would reach and starts none; replay loads the date again from the archive, trigger REPLAY, after its target rows
 * were deleted by hand.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class JmxValidateReplayTest {

    private static final LocalDate DATE = LocalDate.of(2026, 3, 20);
    private static final String[] ONE_STRING = {String.class.getName()};
    private static final String[] TWO_STRINGS = {String.class.getName(), String.class.getName()};

    private static RunningLoader loader;
    private static MBeanServer jmx;
    private static ObjectName stream;

    JmxValidateReplayTest(TestDatabase database) {
        // the database is chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        // no file trigger: only the MBean starts runs
        loader = RunningLoader.start("jmx_validate_replay_" + database, database, Map.of("loader.triggers.enabled", "false"));
        jmx = ManagementFactory.getPlatformMBeanServer();
        stream = new ObjectName("com.bank.gdw.loader:type=Stream,name=" + RunningLoader.STREAM);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void validate_starts_no_run_and_replay_restores_the_deleted_rows() throws Exception {
        // given: the date's units in landing
        List<FeedGenerator.Generated> files = loader.drop(DATE, 200);

        // when: validate
        Object verdicts = jmx.invoke(stream, "validate", new Object[] {"20260320"}, ONE_STRING);

        // then: the verdicts, no run, the files where they were
        assertThat(verdicts).asString().contains("BCFINSG_CA would end COMPLETED: 200 read", "BCFINSG_CB would end COMPLETED");
        assertThat(loader.runsOf(DATE)).isEmpty();
        try (Stream<java.nio.file.Path> landed = Files.list(loader.landing())) {
            assertThat(landed.count()).isEqualTo(2L * files.size());
        }

        // given: the date loaded, then its target rows deleted by hand
        jmx.invoke(stream, "runNow", new Object[] {"20260320"}, ONE_STRING);
        await().atMost(Duration.ofSeconds(90)).until(() -> loader.completedRun(DATE).isPresent());
        long rows = loader.targetRows(DATE);
        var dcf = loader.loader().dcf();
        dcf.jdbi().useHandle(h -> h.execute("DELETE FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = DATE '2026-03-20'"));
        assertThat(loader.targetRows(DATE)).isZero();

        // when: replay
        Object replay = jmx.invoke(stream, "replay", new Object[] {"20260320", "20260320"}, TWO_STRINGS);

        // then
        assertThat(replay).asString().contains("2026-03-20 BCFINSG_CA: replaying", "exit 0");
        assertThat(loader.targetRows(DATE)).isEqualTo(rows)
                .isEqualTo(files.stream().mapToLong(FeedGenerator.Generated::expectedWritten).sum());
        assertThat(loader.runsOf(DATE)).extracting(RunRecord::trigger).contains(TriggerType.REPLAY);
    }
}
