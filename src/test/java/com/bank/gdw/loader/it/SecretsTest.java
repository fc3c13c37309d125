package com.bank.gdw.loader.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinitionReader;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets given to the loader (database and JMX passwords, a password inside the JDBC URL) never show in its logs or status. */
class SecretsTest {

    private static final String DB_PASSWORD = "Db-Pa55-7c1e9a";
    private static final String URL_PASSWORD = "Url-Pa55-44b0d2";
    private static final String JMX_PASSWORD = "Jmx-Pa55-e90f13";

    @Test
    void passwords_never_appear_in_the_log_or_the_status_output() throws Exception {
        Path data = Path.of("target", "it", "secrets").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        String url = TestDatabase.POSTGRESQL.freshUrl("secrets") + "?password=" + URL_PASSWORD + "&ApplicationName=loader";
        new FeedGenerator(new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml")))
                .generate(data.resolve("landing"), "BCFINSG_CA", LocalDate.of(2026, 1, 20), 500, 0.02);
        Map<String, String> props = new HashMap<>();
        props.put("loader.data-dir", data.toString());
        props.put("loader.files.settle-ms", "0");
        Map<String, String> env = Map.of("LOADER_DB_URL", url, "LOADER_DB_USER", TestDatabase.PG_USER,
                "LOADER_DB_PASSWORD", DB_PASSWORD, "LOADER_JMX_USER", "ops", "LOADER_JMX_PASSWORD", JMX_PASSWORD,
                "LOADER_LOG_LEVEL", "DEBUG");

        String output;
        try (ChildLoader run = ChildLoader.start(data.resolve("run.log"), props, env, "run", "--date", "20260120")) {
            assertThat(run.awaitExit(Duration.ofMinutes(2))).as(run.output()).isZero();
            output = run.output();
        }
        try (ChildLoader status = ChildLoader.start(data.resolve("status.log"), props, env, "status")) {
            assertThat(status.awaitExit(Duration.ofMinutes(2))).isZero();
            assertThat(status.output()).contains("BCFINSG_PLAN_BALN_SEGM_LOAD", "COMPLETED");
            output += status.output();
        }

        assertThat(output).contains("password=***");
        for (String secret : List.of(DB_PASSWORD, URL_PASSWORD, JMX_PASSWORD)) {
            assertThat(output).as("the output shows %s", secret).doesNotContain(secret);
        }
    }
}
