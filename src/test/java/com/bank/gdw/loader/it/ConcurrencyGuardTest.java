package com.bank.gdw.loader.it;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.dcf.StreamLease;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** At most one run per stream at any moment: the lease is taken atomically, and a second run while one runs is refused. */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class ConcurrencyGuardTest {

    private static LoaderHarness h;

    ConcurrencyGuardTest(TestDatabase database) {
        // chosen per class invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        h = LoaderHarness.start("concurrency-" + database, LoaderHarness.options().database(database, "concurrency"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        h.close();
    }

    @Test
    void two_instances_racing_for_the_lease_never_both_win() throws Exception {
        h.database().assumeNoEmulatorGap("concurrent writers");
        var dcf = h.loader().dcf();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> tries = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    StreamLease contender = new StreamLease(com.bank.gdw.loader.dcf.Owner.current("host-" + i),
                            java.time.Duration.ofMinutes(5), h.loader().dcfDatabase().kind());
                    tries.add(pool.submit(() -> {
                        start.await();
                        try {
                            return dcf.jdbi().inTransaction(x -> contender.tryAcquire(x, 1490));
                        } catch (RuntimeException conflict) {
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : tries) {
                    winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
                dcf.jdbi().useTransaction(x -> dcf.lease().forceRelease(x, 1490));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_run_requested_while_another_runs_is_refused_and_opens_nothing() throws Exception {
        LocalDate date = LocalDate.of(2026, 11, 10);
        h.generate("BCFINSG_CA", date, 150_000, 0);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<RunOutcome> first = pool.submit(() -> h.run(date));
            await().atMost(60, TimeUnit.SECONDS).until(() -> h.number("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE PRCS_STATUS = 'RUNNING'") == 1);

            RunOutcome second = h.run(date);

            assertThat(second.refused()).isTrue();
            assertThat(second.exitCode()).isEqualTo(4);
            assertThat(second.message()).startsWith("Concurrent execution detected - stream already running");
            assertThat(first.get(120, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE BUS_DT = ?", date)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        DcfInvariants.assertHold(h);
    }
}
