package com.bank.gdw.loader.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.DcfClock;
import com.bank.gdw.loader.dcf.Owner;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.late.LateFeeds;
import com.bank.gdw.loader.stream.FeedDue;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late-feed alerts with a clock the test sets: the files of business date D (units BCFINSG_CA and BCFINSG_CB) are due
 * by 06:00 Europe/Zurich on D+1, on weekdays that are not listed holidays. One LATE_FEED per late date, across
 * instances; the gauge follows the table, back to 0 once the units have loaded, with the delay in the exec log.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class LateFeedTest {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final LocalDate HOLIDAY = LocalDate.of(2026, 6, 15);

    private static LoaderHarness h;
    private static StreamDefinition stream;

    private final SettableClock clock = new SettableClock();
    private SimpleMeterRegistry meters;
    private LateFeeds check;

    LateFeedTest(TestDatabase database) {
        // the database is chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        h = LoaderHarness.start("late-feed-" + database, LoaderHarness.options().database(database, "late_feed"));
        stream = withDue(h.stream(), new FeedDue(List.of("BCFINSG_CA", "BCFINSG_CB"), LocalTime.of(6, 0), ZURICH, 1,
                FeedDue.WEEKDAYS, Set.of(HOLIDAY)));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        h.close();
    }

    @BeforeEach
    void aCheckOnTheSettableClock() {
        h.execute("DELETE FROM DCF_T_FEED_LATE");
        meters = new SimpleMeterRegistry();
        check = lateFeeds(h.loader().dcf(), meters);
    }

    @AfterEach
    void invariantsHold() {
        DcfInvariants.assertHold(h);
    }

    private LateFeeds lateFeeds(ControlTables dcf, SimpleMeterRegistry registry) {
        return new LateFeeds(dcf, List.of(stream), h.landing(), clock, () -> registry);
    }

    static StreamDefinition withDue(StreamDefinition s, FeedDue due) {
        return new StreamDefinition(s.code(), s.id(), s.name(), s.description(), s.targetTable(), s.layout(), s.files(),
                s.delimiter(), s.keyColumns(), s.dateMarker(), s.loaderColumns(), s.rowSecurityCode(), s.amountColumn(),
                s.quality(), s.continueOnUnitFailure(), s.initialStatus(), s.report(), s.cron(), due);
    }

    /** A clock the test moves. */
    static final class SettableClock extends Clock {
        private volatile Instant now = Instant.EPOCH;

        void set(LocalDateTime zurichTime) {
            now = zurichTime.atZone(ZURICH).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZURICH;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static void arrived(LocalDate date, String... units) {
        for (String unit : units) {
            h.generate(unit, date, 5, 0);
        }
    }

    private static List<Map<String, Object>> alertsOf(LocalDate date) {
        return h.rows("SELECT * FROM DCF_T_NOTIFICATIONS WHERE NOTIFICATION_TYPE = 'LATE_FEED' AND NOTIFICATION_CONTENT LIKE ?",
                "%\"businessDate\":\"" + date + "\"%");
    }

    private static List<String> logOf(String prefix) {
        return h.rows("SELECT MESSAGE_TEXT FROM DCF_T_PRCS_EXEC_LOG WHERE MESSAGE_TEXT LIKE ? ORDER BY EXEC_LOG_ID", prefix + "%")
                .stream().map(r -> (String) r.get("MESSAGE_TEXT")).toList();
    }

    private double gauge() {
        return meters.get("loader.feed.late").tag("stream", "bcfinsg").gauge().value();
    }

    private double alertCount() {
        return meters.get("loader.late.feeds").tag("stream", "bcfinsg").counter().count();
    }

    @Test
    void before_the_due_time_a_date_is_not_late() {
        // given the files of Friday 29 May arrived, and nothing of Monday 1 June
        arrived(LocalDate.of(2026, 5, 29), "BCFINSG_CA", "BCFINSG_CB");

        // when the check runs a minute before Monday's files are due (Tuesday 06:00)
        clock.set(LocalDateTime.of(2026, 6, 2, 5, 59));
        Optional<LateFeeds.Check> result = check.check(stream);

        // then the date checked is Friday's, complete: no alert, gauge 0
        assertThat(result).map(LateFeeds.Check::businessDate).contains(LocalDate.of(2026, 5, 29));
        assertThat(result.get().missing()).isEmpty();
        assertThat(alertsOf(LocalDate.of(2026, 6, 1))).isEmpty();
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_FEED_LATE")).isZero();
        assertThat(gauge()).isZero();
    }

    @Test
    void past_the_due_time_with_both_units_missing_one_LATE_FEED_names_them_and_is_not_repeated() {
        // given nothing of Monday 1 June arrived
        LocalDate monday = LocalDate.of(2026, 6, 1);

        // when the check runs past the due time, and again later
        clock.set(LocalDateTime.of(2026, 6, 2, 6, 1));
        LateFeeds.Check first = check.check(stream).orElseThrow();
        clock.set(LocalDateTime.of(2026, 6, 2, 6, 6));
        LateFeeds.Check second = check.check(stream).orElseThrow();

        // then one alert: the notification to the failure recipients, the exec log, the gauge and the counter
        assertThat(first.businessDate()).isEqualTo(monday);
        assertThat(first.missing()).containsExactly("BCFINSG_CA", "BCFINSG_CB");
        assertThat(first.alerted()).isTrue();
        assertThat(second.alerted()).isFalse();
        List<Map<String, Object>> alerts = alertsOf(monday);
        assertThat(alerts).hasSize(1);
        assertThat((String) alerts.get(0).get("NOTIFICATION_CONTENT"))
                .contains("\"missingUnits\":[\"BCFINSG_CA\",\"BCFINSG_CB\"]", "\"dueAt\":\"2026-06-02T06:00+02:00\"");
        assertThat(alerts.get(0)).containsEntry("NOTIFICATION_STATUS", "PENDING");
        assertThat(logOf("LATE_FEED: business date 2026-06-01")).singleElement().asString()
                .contains("BCFINSG_CA,BCFINSG_CB missing since 2026-06-02T06:00+02:00[Europe/Zurich]");
        assertThat(gauge()).isEqualTo(1.0);
        assertThat(alertCount()).isEqualTo(1.0);
    }

    @Test
    void with_one_of_two_units_arrived_the_alert_names_the_other() {
        // given BCFINSG_CA of Wednesday 3 June arrived, BCFINSG_CB did not
        LocalDate wednesday = LocalDate.of(2026, 6, 3);
        arrived(wednesday, "BCFINSG_CA");

        // when the check runs past the due time
        clock.set(LocalDateTime.of(2026, 6, 4, 6, 30));
        LateFeeds.Check result = check.check(stream).orElseThrow();

        // then only BCFINSG_CB is late
        assertThat(result.missing()).containsExactly("BCFINSG_CB");
        assertThat(alertsOf(wednesday)).singleElement().satisfies(n ->
                assertThat((String) n.get("NOTIFICATION_CONTENT")).contains("\"missingUnits\":[\"BCFINSG_CB\"]"));
        assertThat(gauge()).isEqualTo(1.0);
    }

    @Test
    void files_arriving_and_loading_after_the_alert_put_the_gauge_back_to_0_and_log_the_delay() {
        // given the alert for Thursday 4 June went out at 07:00 on Friday
        LocalDate thursday = LocalDate.of(2026, 6, 4);
        clock.set(LocalDateTime.of(2026, 6, 5, 7, 0));
        assertThat(check.check(stream).orElseThrow().alerted()).isTrue();
        assertThat(gauge()).isEqualTo(1.0);

        // when the files arrive and load, and the check runs at 08:00
        arrived(thursday, "BCFINSG_CA", "BCFINSG_CB");
        assertThat(h.run(thursday).status()).isEqualTo(RunStatus.COMPLETED);
        clock.set(LocalDateTime.of(2026, 6, 5, 8, 0));
        LateFeeds.Check after = check.check(stream).orElseThrow();

        // then the date is complete, the gauge 0, and the exec log says how late: 2 hours past 06:00
        assertThat(after.missing()).isEmpty();
        assertThat(gauge()).isZero();
        assertThat(h.number("SELECT DELAY_SECONDS FROM DCF_T_FEED_LATE WHERE BUS_DT = ?", thursday)).isEqualTo(7200);
        assertThat(logOf("LATE_FEED resolved: business date 2026-06-04")).singleElement().asString().contains("PT2H");
        assertThat(alertsOf(thursday)).hasSize(1);
    }

    @Test
    void a_weekend_day_is_no_business_date() {
        // given Friday 5 June's files arrived; Saturday has none
        arrived(LocalDate.of(2026, 6, 5), "BCFINSG_CA", "BCFINSG_CB");

        // when the check runs on Sunday at 07:00, past the time Saturday's files would be due
        clock.set(LocalDateTime.of(2026, 6, 7, 7, 0));
        LateFeeds.Check result = check.check(stream).orElseThrow();

        // then Friday is the date checked, and nothing is late
        assertThat(result.businessDate()).isEqualTo(LocalDate.of(2026, 6, 5));
        assertThat(result.missing()).isEmpty();
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_FEED_LATE")).isZero();
    }

    @Test
    void a_listed_holiday_is_no_business_date() {
        // given Friday 12 June's files arrived, and Monday 15 June is a listed holiday without files
        arrived(LocalDate.of(2026, 6, 12), "BCFINSG_CA", "BCFINSG_CB");

        // when the check runs on Tuesday at 07:00, past the time Monday's files would be due
        clock.set(LocalDateTime.of(2026, 6, 16, 7, 0));
        LateFeeds.Check result = check.check(stream).orElseThrow();

        // then Friday is the date checked, and nothing is late
        assertThat(result.businessDate()).isEqualTo(LocalDate.of(2026, 6, 12));
        assertThat(result.missing()).isEmpty();
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_FEED_LATE")).isZero();
    }

    @Test
    void two_instances_checking_at_once_alert_a_date_once() throws Exception {
        // given two instances on the same DCF tables, and nothing of Wednesday 10 June arrived
        LocalDate wednesday = LocalDate.of(2026, 6, 10);
        clock.set(LocalDateTime.of(2026, 6, 11, 7, 0));
        ControlTables other = ControlTables.on(h.loader().dcfDatabase(), DcfClock.utc(), Owner.current("other-node"),
                Duration.ofSeconds(60));
        SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
        LateFeeds second = lateFeeds(other, otherMeters);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // when both check at the same moment
            Future<LateFeeds.Check> a = pool.submit(() -> {
                together.await();
                return check.check(stream).orElseThrow();
            });
            Future<LateFeeds.Check> b = pool.submit(() -> {
                together.await();
                return second.check(stream).orElseThrow();
            });

            // then exactly one of them alerts; both see the date late
            assertThat(List.of(a.get().alerted(), b.get().alerted())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        assertThat(alertsOf(wednesday)).hasSize(1);
        assertThat(logOf("LATE_FEED: business date 2026-06-10")).hasSize(1);
        assertThat(alertCount() + otherMeters.get("loader.late.feeds").counter().count()).isEqualTo(1.0);
        check.check(stream);
        second.check(stream);
        assertThat(gauge()).isEqualTo(1.0);
        assertThat(otherMeters.get("loader.feed.late").gauge().value()).isEqualTo(1.0);
    }
}
