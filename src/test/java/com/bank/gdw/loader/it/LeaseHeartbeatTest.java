package com.bank.gdw.loader.it;

import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** A load longer than several lease heartbeats completes: renewals and the unit's commit do not collide. */
class LeaseHeartbeatTest {

    private static LoaderHarness h;

    @BeforeAll
    static void start() {
        h = LoaderHarness.start("lease-heartbeat", LoaderHarness.options()
                .property("loader.lease.seconds", "5").property("loader.lease.heartbeat-seconds", "1"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void a_unit_outlasting_many_heartbeats_commits_and_the_lease_is_released() {
        LocalDate date = LocalDate.of(2026, 5, 5);
        h.generate("BCFINSG_CA", date, 200_000, 0);
        h.generate("BCFINSG_CB", date, 100_000, 0);

        long start = System.nanoTime();
        RunOutcome outcome = h.run(date);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(seconds).as("the load lasted several heartbeats").isGreaterThan(3);
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", date)).isEqualTo(300_000);
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_STRM_LOCK WHERE STRM_ID = 1490 AND OWNER_ID IS NULL")).isEqualTo(1);
        DcfInvariants.assertHold(h);
    }
}
