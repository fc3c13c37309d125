package com.bank.gdw.loader.it;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.unit.UnitResult;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.LineageReceiver;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OpenLineage: each unit and each stream run sends START then one terminal event to an HTTP receiver, through the
 * outbox, with the file and table datasets named per the spec's conventions; a receiver that is down delays no load
 * and gets the events once it is up.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class OpenLineageEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LineageReceiver receiver;
    private static LoaderHarness h;
    private static TestDatabase db;

    OpenLineageEventsTest(TestDatabase database) {
        // the database is chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        db = database;
        receiver = new LineageReceiver().up();
        h = LoaderHarness.start("openlineage-" + database, LoaderHarness.options().database(database, "openlineage")
                .property("loader.outbox.enabled", "true")
                .property("loader.outbox.poll-ms", "200")
                .property("loader.outbox.backoff-initial-seconds", "1")
                .property("loader.outbox.backoff-multiplier", "1")
                .property("loader.smtp.host", "127.0.0.1")
                .property("loader.smtp.port", String.valueOf(FreePorts.next()))
                .property("loader.openlineage.url", receiver.url())
                .property("loader.openlineage.timeout-ms", "2000"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        h.close();
        receiver.close();
    }

    @BeforeEach
    void receiverIsUp() {
        receiver.up().refuseNext(0);
        receiver.clear();
    }

    @AfterEach
    void invariantsHold() {
        DcfInvariants.assertHold(h);
    }

    private static List<JsonNode> eventsOf(long runId) {
        List<JsonNode> out = new ArrayList<>();
        for (String body : receiver.bodies()) {
            JsonNode e = read(body);
            boolean ofRun = e.at("/job/name").asText().equals("bcfinsg")
                    ? e.at("/run/runId").asText().equals(streamRunId(runId).toString())
                    : e.at("/run/facets/parent/run/runId").asText().equals(streamRunId(runId).toString());
            if (ofRun) {
                out.add(e);
            }
        }
        return out;
    }

    private static UUID streamRunId(long runId) {
        return UUID.nameUUIDFromBytes(("gdw-loader/bcfinsg/run/" + runId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The event types per run id, in arrival order. */
    private static Map<String, List<String>> sequences(List<JsonNode> events) {
        Map<String, List<String>> seq = new LinkedHashMap<>();
        for (JsonNode e : events) {
            seq.computeIfAbsent(e.at("/run/runId").asText(), k -> new ArrayList<>()).add(e.at("/eventType").asText());
        }
        return seq;
    }

    private static JsonNode terminalOf(List<JsonNode> events, String job) {
        return events.stream().filter(e -> e.at("/job/name").asText().equals(job) && !e.at("/eventType").asText().equals("START"))
                .findFirst().orElseThrow();
    }

    @Test
    void a_run_of_two_units_sends_start_then_one_end_per_unit_and_for_the_stream_run() {
        // given two clean units of a date
        LocalDate date = LocalDate.of(2026, 6, 1);
        FeedGenerator.Generated ca = h.generate("BCFINSG_CA", date, 120, 0);
        h.generate("BCFINSG_CB", date, 80, 0);

        // when the date is run
        RunOutcome run = h.run(date);

        // then six events arrive: START and COMPLETE for each unit and for the stream run
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        await().atMost(30, TimeUnit.SECONDS).until(() -> eventsOf(run.runId()).size() == 6);
        List<JsonNode> events = eventsOf(run.runId());
        for (String body : receiver.bodies()) {
            // every event is one the client's own model reads back, with the spec's required fields
            OpenLineage.RunEvent parsed = OpenLineageClientUtils.runEventFromJson(body);
            assertThat(parsed.getEventTime()).isNotNull();
            assertThat(parsed.getProducer()).isNotNull();
            assertThat(parsed.getSchemaURL()).isNotNull();
            assertThat(parsed.getRun().getRunId()).isNotNull();
            assertThat(parsed.getJob().getNamespace()).isEqualTo("gdw-loader");
            assertThat(parsed.getJob().getName()).isNotBlank();
            JsonNode e = read(body);
            for (String field : List.of("eventTime", "producer", "schemaURL", "eventType", "run", "job")) {
                assertThat(e.has(field)).as(field).isTrue();
            }
        }
        Map<String, List<String>> seq = sequences(events);
        assertThat(seq).hasSize(3);
        assertThat(seq.values()).allSatisfy(types -> assertThat(types).containsExactly("START", "COMPLETE"));
        assertThat(events).extracting(e -> e.at("/job/name").asText())
                .containsOnly("bcfinsg", "bcfinsg.BCFINSG_CA", "bcfinsg.BCFINSG_CB");

        // the unit's COMPLETE: parent run, the file in, the table out, figures and column lineage
        JsonNode unit = terminalOf(events, "bcfinsg.BCFINSG_CA");
        UnitResult caResult = run.units().stream().filter(u -> u.unit().unit().equals("BCFINSG_CA")).findFirst().orElseThrow();
        assertThat(unit.at("/run/runId").asText())
                .isEqualTo(UUID.nameUUIDFromBytes(("gdw-loader/bcfinsg/unit/" + caResult.processId())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        assertThat(unit.at("/run/facets/parent/job/name").asText()).isEqualTo("bcfinsg");
        assertThat(unit.at("/run/facets/parent/job/namespace").asText()).isEqualTo("gdw-loader");
        JsonNode in = unit.at("/inputs/0");
        assertThat(in.at("/namespace").asText()).isEqualTo("file");
        assertThat(in.at("/name").asText()).isEqualTo(ca.loadFile().toAbsolutePath().normalize().toString());
        assertThat(in.at("/facets/schema/fields").size()).isEqualTo(h.stream().layout().size());
        assertThat(in.at("/facets/schema/fields/0/name").asText()).isEqualTo(h.stream().layout().column(0).name());
        assertThat(in.at("/facets/version/datasetVersion").asText()).isEqualTo(caResult.sha256());
        assertThat(in.at("/inputFacets/inputStatistics/rowCount").asLong()).isEqualTo(120);
        assertThat(in.at("/inputFacets/inputStatistics/size").asLong()).isPositive();
        assertThat(in.at("/inputFacets/gdwLoader_file/sha256").asText()).isEqualTo(caResult.sha256());
        assertThat(in.at("/inputFacets/gdwLoader_file/rowsRejected").asLong()).isZero();
        assertThat(in.at("/inputFacets/gdwLoader_file/rowsDuplicate").asLong()).isZero();
        JsonNode out = unit.at("/outputs/0");
        if (db == TestDatabase.DUCKDB) {
            assertThat(out.at("/namespace").asText()).startsWith("duckdb:///").endsWith("loader.duckdb");
            assertThat(out.at("/name").asText()).isEqualTo("loader.main.PLAN_BALN_SEGM_MSTR");
        } else if (db == TestDatabase.SNOWFLAKE) {
            assertThat(out.at("/namespace").asText()).startsWith("snowflake://");
            assertThat(out.at("/name").asText()).endsWithIgnoringCase(".PLAN_BALN_SEGM_MSTR");
        } else {
            assertThat(out.at("/namespace").asText()).isEqualTo("postgres://127.0.0.1:5432");
            assertThat(out.at("/name").asText()).endsWith(".public.plan_baln_segm_mstr");
        }
        assertThat(out.at("/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(120);
        String firstField = h.stream().layout().column(0).name();
        JsonNode lineage = out.at("/facets/columnLineage/fields");
        assertThat(lineage.at("/" + firstField + "/inputFields/0/field").asText()).isEqualTo(firstField);
        assertThat(lineage.at("/" + firstField + "/inputFields/0/namespace").asText()).isEqualTo("file");
        String businessDate = h.stream().loaderColumns().businessDate();
        assertThat(lineage.at("/" + businessDate + "/inputFields").size()).isZero();
        assertThat(lineage.at("/" + businessDate + "/transformationType").asText()).isEqualTo("LOADER");
        assertThat(lineage.size()).isEqualTo(h.stream().targetColumns().size());
        // every facet names its producer and schema
        assertThat(in.at("/facets/schema/_producer").asText()).isNotBlank();
        assertThat(unit.at("/run/facets/parent/_schemaURL").asText()).isNotBlank();
    }

    @Test
    void a_unit_of_poor_quality_ends_with_FAIL_and_its_error_and_so_does_the_stream_run() {
        // given a unit whose records fall below the quality minimum
        LocalDate date = LocalDate.of(2026, 6, 2);
        h.generate(new FeedGenerator(h.stream()).qualityDefects(0.6), "BCFINSG_CA", date, 400, 0);

        // when the date is run
        RunOutcome run = h.run(date);

        // then the unit and the stream run end with FAIL, each after its START
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        await().atMost(30, TimeUnit.SECONDS).until(() -> eventsOf(run.runId()).size() == 4);
        List<JsonNode> events = eventsOf(run.runId());
        assertThat(sequences(events).values()).allSatisfy(types -> assertThat(types).containsExactly("START", "FAIL"));
        JsonNode unit = terminalOf(events, "bcfinsg.BCFINSG_CA");
        assertThat(unit.at("/run/facets/errorMessage/message").asText()).isNotBlank();
        assertThat(unit.at("/outputs/0/outputFacets").isMissingNode()).isTrue();
        assertThat(OpenLineageClientUtils.runEventFromJson(unit.toString()).getEventType()).isEqualTo(EventType.FAIL);
    }

    @Test
    void a_receiver_that_is_down_delays_no_load_and_gets_the_events_once_it_is_up() {
        // given the receiver is down
        receiver.down();
        LocalDate date = LocalDate.of(2026, 6, 3);
        h.generate("BCFINSG_CA", date, 50, 0);

        // when the date is run
        long started = System.nanoTime();
        RunOutcome run = h.run(date);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then the run completes without waiting for the endpoint, and the events wait in the outbox with their error
        // (the run's first event only: a later one is not claimed while an earlier one of its run is PENDING)
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        await().atMost(20, TimeUnit.SECONDS).until(() -> h.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ? "
                + "AND NOTIFICATION_TYPE = 'OPENLINEAGE_EVENT' AND ATTEMPTS > 0 AND LAST_ERROR IS NOT NULL", run.runId()) >= 1);
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ? AND NOTIFICATION_TYPE = 'OPENLINEAGE_EVENT' "
                + "AND ATTEMPTS = 0", run.runId())).isEqualTo(3);
        assertThat(receiver.bodies()).isEmpty();

        // and when it comes up, the four events arrive, each run's START before its end, and are SENT once
        receiver.up();
        await().atMost(30, TimeUnit.SECONDS).until(() -> eventsOf(run.runId()).size() == 4);
        assertThat(sequences(eventsOf(run.runId())).values()).allSatisfy(types -> assertThat(types).containsExactly("START", "COMPLETE"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> h.number("SELECT COUNT(*) FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ? "
                + "AND NOTIFICATION_TYPE = 'OPENLINEAGE_EVENT' AND NOTIFICATION_STATUS = 'SENT'", run.runId()) == 4);
    }
    @Test
    void an_event_the_receiver_refuses_is_sent_again_before_the_events_after_it() {
        // given the receiver answers the next event with 400
        receiver.refuseNext(1);
        LocalDate date = LocalDate.of(2026, 6, 4);
        h.generate("BCFINSG_CA", date, 30, 0);

        // when the date is run
        RunOutcome run = h.run(date);

        // then the refused START is sent again first: every run's events arrive START then its end
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        await().atMost(30, TimeUnit.SECONDS).until(() -> eventsOf(run.runId()).size() == 4);
        assertThat(sequences(eventsOf(run.runId())).values()).allSatisfy(types -> assertThat(types).containsExactly("START", "COMPLETE"));
        assertThat(h.number("SELECT MAX(ATTEMPTS) FROM DCF_T_NOTIFICATIONS WHERE STRM_INST_ID = ? AND NOTIFICATION_TYPE = 'OPENLINEAGE_EVENT'",
                run.runId())).isEqualTo(2);
    }
}
