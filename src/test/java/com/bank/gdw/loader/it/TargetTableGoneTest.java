package com.bank.gdw.loader.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader creates a missing target table at its start, as at the first start ever; but where the DCF tables record
 * completed loads into it, the table was dropped (or the loader points at another database), and it says so.
 */
class TargetTableGoneTest {

    @Test
    void a_target_table_created_again_after_completed_loads_is_a_warning_naming_them() throws Exception {
        Path data = Path.of("target", "it", "target-gone").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        String url = TestDatabase.POSTGRESQL.freshUrl("target_gone");
        new FeedGenerator(new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml")))
                .generate(data.resolve("landing"), "BCFINSG_CA", LocalDate.of(2026, 1, 22), 100, 0);
        Map<String, String> props = new HashMap<>();
        props.put("loader.data-dir", data.toString());
        props.put("loader.files.settle-ms", "0");
        Map<String, String> env = Map.of("LOADER_DB_URL", url, "LOADER_DB_USER", TestDatabase.PG_USER);
        try (ChildLoader first = ChildLoader.start(data.resolve("first.log"), props, env, "run", "--date", "20260122")) {
            assertThat(first.awaitExit(Duration.ofMinutes(2))).as(first.output()).isZero();
            assertThat(first.output()).contains("created the target table PLAN_BALN_SEGM_MSTR").doesNotContain("did not exist");
        }
        try (Connection dba = DriverManager.getConnection(url, TestDatabase.PG_USER, ""); Statement st = dba.createStatement()) {
            st.execute("DROP TABLE PLAN_BALN_SEGM_MSTR");
        }

        try (ChildLoader next = ChildLoader.start(data.resolve("next.log"), props, env, "run", "--date", "20260123")) {
            assertThat(next.awaitExit(Duration.ofMinutes(2))).as(next.output()).isEqualTo(3);
            assertThat(next.output().lines().filter(l -> l.contains(" WARN ")))
                    .anyMatch(l -> l.contains("created the target table PLAN_BALN_SEGM_MSTR, which did not exist although the DCF "
                            + "tables record 1 completed load(s) into it"));
        }
    }
}
