package com.bank.gdw.loader.dcf;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream lease at a unit's commit: still ours after the heartbeat renewed it during a long load, not once taken. */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class StreamLeaseTest {

    private static final String NAME = "stream_lease";

    @Parameter
    TestDatabase database;

    private Database db;
    private ControlTables dcf;
    private StreamDefinition stream;

    @BeforeEach
    void freshDatabase() throws Exception {
        db = database.freshDcf(NAME);
        dcf = ControlTables.on(db, DcfClock.utc(), Owner.current(), Duration.ofMinutes(2));
        stream = StreamCatalog.load(Path.of("config/streams"), UnaryOperator.identity()).get("bcfinsg");
        dcf.jdbi().useTransaction(h -> dcf.streams().register(h, stream));
        boolean acquired = dcf.jdbi().inTransaction(h -> dcf.lease().tryAcquire(h, stream.id()));
        assertThat(acquired).isTrue();
    }

    @AfterEach
    void close() {
        db.close();
        database.drop(NAME);
    }

    @Test
    void a_unit_confirms_the_lease_the_heartbeat_renewed_while_it_loaded() {
        try (Handle unit = dcf.jdbi().open()) {
            unit.begin();
            dcf.lease().holder(unit, stream.id());

            boolean renewed = dcf.jdbi().inTransaction(h -> dcf.lease().renew(h, stream.id()));
            assertThat(renewed).as("heartbeat").isTrue();

            assertThat(dcf.lease().confirm(unit, stream.id())).isTrue();
            unit.commit();
        }
    }

    @Test
    void a_unit_does_not_confirm_a_lease_another_instance_took() {
        StreamLease other = new StreamLease(Owner.current("elsewhere"), Duration.ofMinutes(2),
                db.kind());
        dcf.jdbi().useTransaction(h -> dcf.lease().forceRelease(h, stream.id()));
        boolean taken = acquires(other);
        assertThat(taken).isTrue();

        try (Handle unit = dcf.jdbi().open()) {
            unit.begin();
            assertThat(dcf.lease().confirm(unit, stream.id())).isFalse();
            unit.rollback();
        }
    }
    /**
     * A lease that ran out while its holder waited (its own heartbeat held up behind the lock of the holder's own
     * transaction, say) is lost, and the message says so, not that another instance took it.
     */
    @Test
    void a_lease_that_expired_while_its_holder_waited_is_lost_in_words_that_say_so() {
        // on DuckDB the fence reads the owner only: one process opens the file, no other instance can take the lease
        org.junit.jupiter.api.Assumptions.assumeTrue(db.kind() != DatabaseKind.DUCKDB);
        elapse(Duration.ofMinutes(3));

        Throwable lost = org.assertj.core.api.Assertions.catchThrowable(() -> dcf.jdbi().useTransaction(h -> dcf.lease().fence(h, stream.id())));

        assertThat(lost).isInstanceOf(LeaseLostException.class)
                .hasMessageStartingWith("the lease of stream " + stream.id() + " is no longer this instance's")
                .hasMessageContaining(": it expired at ")
                .hasMessageContaining(" UTC while this instance waited (a statement held up longer than the lease's term)")
                .hasMessageNotContaining("another instance");
    }

    /** Frees the lease the set-up took and returns another instance's view of it, with a one-minute lease. */
    private StreamLease oneMinuteLeaseOf(String instance) {
        dcf.jdbi().useTransaction(h -> dcf.lease().forceRelease(h, stream.id()));
        return new StreamLease(Owner.current(instance), Duration.ofMinutes(1), db.kind());
    }

    private boolean acquires(StreamLease lease) {
        return dcf.jdbi().inTransaction(h -> lease.tryAcquire(h, stream.id()));
    }

    private boolean acquires(ControlTables instance) {
        return instance.jdbi().inTransaction(h -> instance.lease().tryAcquire(h, stream.id()));
    }

    private boolean renews(ControlTables instance) {
        return instance.jdbi().inTransaction(h -> instance.lease().renew(h, stream.id()));
    }

    private boolean renews(StreamLease lease) {
        return dcf.jdbi().inTransaction(h -> lease.renew(h, stream.id()));
    }

    /**
     * Lets {@code time} pass on the database's clock, as far as the lease can tell: the lease is judged inside the SQL
     * by comparing its recorded times with the database's now, so moving them back by {@code time} is the same as
     * that much time passing, without waiting for it.
     */
    private void elapse(Duration time) {
        long ms = time.toMillis();
        String earlier = db.kind() == DatabaseKind.SNOWFLAKE ? "DATEADD(MILLISECOND, -" + ms + ", %1$s)" : "(%1$s - INTERVAL '" + ms + " milliseconds')";
        dcf.jdbi().useTransaction(h -> h.createUpdate("UPDATE DCF_T_STRM_LOCK SET HEARTBEAT_TS = " + earlier.formatted("HEARTBEAT_TS")
                        + ", LEASE_EXPIRES_TS = " + earlier.formatted("LEASE_EXPIRES_TS") + " WHERE STRM_ID = :id")
                .bind("id", stream.id()).execute());
    }

    @Test
    void another_instance_takes_the_lease_only_once_it_has_expired() {
        StreamLease holder = oneMinuteLeaseOf("node-a");
        StreamLease other = oneMinuteLeaseOf("node-b");
        assertThat(acquires(holder)).isTrue();

        assertThat(acquires(other)).as("while the lease runs").isFalse();
        elapse(Duration.ofSeconds(55));
        assertThat(acquires(other)).as("shortly before it expires").isFalse();
        elapse(Duration.ofSeconds(10));
        assertThat(acquires(other)).as("after it expired").isTrue();
        assertThat(renews(holder)).as("the old holder's heartbeat").isFalse();
    }

    /** The same tables seen by another instance whose own clock is {@code skew} off; its lease lasts two minutes. */
    private ControlTables instanceWithClockOff(String instance, Duration skew) {
        return ControlTables.on(db, new DcfClock(Clock.offset(Clock.systemUTC(), skew)), Owner.current(instance), Duration.ofMinutes(2));
    }

    @Test
    void an_instance_whose_clock_runs_300_s_ahead_never_takes_a_live_lease() {
        ControlTables ahead = instanceWithClockOff("node-ahead", Duration.ofSeconds(300));

        boolean taken = ahead.jdbi().inTransaction(h -> ahead.lease().tryAcquire(h, stream.id()));

        assertThat(taken).as("the set-up's two-minute lease is live by the database's clock").isFalse();
        assertThat(renews(dcf)).as("the holder keeps it").isTrue();
    }

    @Test
    void an_instance_whose_clock_runs_300_s_behind_takes_a_lease_that_lasts_its_full_term() {
        ControlTables behind = instanceWithClockOff("node-behind", Duration.ofSeconds(-300));
        ControlTables other = instanceWithClockOff("node-other", Duration.ZERO);
        dcf.jdbi().useTransaction(h -> dcf.lease().forceRelease(h, stream.id()));
        assertThat(acquires(behind)).isTrue();

        boolean taken = acquires(other);

        assertThat(taken).as("the lease of the instance running behind is live for two minutes of the database's clock").isFalse();
        assertThat(renews(behind)).as("its heartbeat").isTrue();
        assertThat(acquires(other)).as("after a heartbeat").isFalse();
    }

    @Test
    void a_heartbeat_keeps_the_lease_past_its_first_expiry() {
        StreamLease holder = oneMinuteLeaseOf("node-a");
        StreamLease other = oneMinuteLeaseOf("node-b");
        assertThat(acquires(holder)).isTrue();
        for (int beat = 0; beat < 3; beat++) {
            elapse(Duration.ofSeconds(30));
            assertThat(renews(holder)).isTrue();
        }
        // 90 seconds on, half a minute past the first expiry
        assertThat(acquires(other)).isFalse();
        elapse(Duration.ofSeconds(65));
        assertThat(acquires(other)).as("a lease term after the heartbeat stopped").isTrue();
    }
}
