package com.bank.gdw.loader.mail;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.DcfClock;
import com.bank.gdw.loader.dcf.Outbox;
import com.bank.gdw.loader.dcf.Owner;
import com.bank.gdw.loader.report.NotificationMail;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Outbox claims are judged by the database's clock: an instance whose clock is 300 s off never claims a row early. */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class OutboxClockTest {

    private static final String NAME = "outbox_clock";
    private static final Duration HOLD = Duration.ofSeconds(60);
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(60), 2, Duration.ofHours(1), 5);

    @Parameter
    TestDatabase database;

    private Database db;
    private StreamCatalog streams;
    private long notification;

    @BeforeEach
    void freshDatabase() throws Exception {
        db = database.freshDcf(NAME);
        streams = StreamCatalog.load(Path.of("config/streams"), UnaryOperator.identity());
        ControlTables dcf = instance("writer", Duration.ZERO);
        notification = dcf.jdbi().inTransaction(h -> dcf.outbox().add(h, Outbox.Type.LOAD_FAILURE, 1490, "BCFINSG", null, "{}", null));
    }

    @AfterEach
    void close() {
        db.close();
        database.drop(NAME);
    }

    /** A deliverer on an instance whose clock is {@code skew} off the database's. */
    private OutboxDelivery deliverer(String name, Duration skew) {
        return new OutboxDelivery(instance(name, skew), streams, BACKOFF, HOLD, NotificationMail.MAX_ATTACHMENT_BYTES, "localhost:25",
                () -> false);
    }

    private ControlTables instance(String name, Duration skew) {
        return ControlTables.on(db, new DcfClock(Clock.offset(Clock.systemUTC(), skew)), Owner.current(name), Duration.ofMinutes(2));
    }

    @Test
    void an_instance_300_s_ahead_does_not_claim_a_row_another_instance_holds() {
        assertThat(deliverer("node-a", Duration.ZERO).claim(notification)).as("first claim").isNotNull();

        assertThat(deliverer("node-ahead", Duration.ofSeconds(300)).claim(notification))
                .as("the claim holds for 60 s of the database's clock").isNull();
    }

    @Test
    void a_claim_by_an_instance_300_s_behind_holds_for_its_full_term() {
        assertThat(deliverer("node-behind", Duration.ofSeconds(-300)).claim(notification)).as("first claim").isNotNull();

        assertThat(deliverer("node-a", Duration.ZERO).claim(notification)).as("the row is held for 60 s").isNull();
    }

    @Test
    void an_instance_300_s_ahead_does_not_retry_a_failed_attempt_before_its_backoff() {
        OutboxDelivery a = deliverer("node-a", Duration.ZERO);
        Outbox.Notification n = a.claim(notification);
        a.failed(n, new IllegalStateException("mail server down"));

        assertThat(deliverer("node-ahead", Duration.ofSeconds(300)).claim(notification))
                .as("due again only 60 s after the failure, by the database's clock").isNull();
    }

    @Test
    void a_new_notification_is_due_at_once_for_an_instance_300_s_behind() {
        assertThat(deliverer("node-behind", Duration.ofSeconds(-300)).claim(notification)).isNotNull();
    }
}
