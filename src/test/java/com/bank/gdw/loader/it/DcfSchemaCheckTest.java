package com.bank.gdw.loader.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DCF schema a newer loader migrated (a version in the history this build has no migration for) is refused by every
 * command that would work on it, in one line naming both versions, before anything is written or migrated; validate
 * names a DCF table that is missing.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DcfSchemaCheckTest extends CommandLineScenario {

    private static final List<String> TABLES = List.of("DCF_T_STRM", "DCF_T_STRM_LOCK", "DCF_T_STRM_INST", "DCF_T_PRCS_INST",
            "DCF_T_PRCS_EXEC_LOG", "DCF_T_FILE_MOVE", "DCF_T_NOTIFICATIONS", "DCF_T_FEED_LATE", "PLAN_BALN_SEGM_MSTR");

    DcfSchemaCheckTest(TestDatabase database) {
        // chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void dataDirectory(TestDatabase db) {
        open(db, "dcf-schema", "dcf_schema");
    }

    @AfterParameterizedClassInvocation
    static void reset() {
        close();
    }

    @Test
    @Order(1)
    void every_command_that_works_on_the_dcf_tables_refuses_a_schema_a_newer_loader_migrated_with_exit_2() throws Exception {
        // given a loaded date, the next date's files in landing, and a version 4 recorded by a newer loader
        assertThat(cli("generate", "--rows", "50", "--date", "20261126", "--prefix", "BCFINSG_CA").exitCode()).isZero();
        assertThat(cli("run", "--date", "20261126").exitCode()).isZero();
        assertThat(cli("generate", "--rows", "50", "--date", "20261127", "--prefix", "BCFINSG_CA").exitCode()).isZero();
        sql("INSERT INTO \"DCF_SCHEMA_HISTORY\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", "
                + "\"installed_by\", \"installed_on\", \"execution_time\", \"success\") VALUES (100, '4', 'from a newer loader', 'SQL', "
                + "'V4__from_a_newer_loader.sql', 1, 'newer', CURRENT_TIMESTAMP, 1, TRUE)");
        Map<String, String> before = state();
        String refusal = "the DCF tables of " + DatabaseKind.redact(jdbcUrl) + " are at schema version 4, newer than this build's 3";

        for (List<String> args : List.of(List.of("run", "--date", "20261127"), List.of("replay", "--from", "20261126", "--to", "20261126"),
                List.of("release-lock", "--stream", "bcfinsg", "--force"))) {
            // when a command that works on the DCF tables starts
            Result r = cli(args.toArray(String[]::new));

            // then it is refused in one line naming both versions (it used to run against a schema it did not know)
            assertThat(r.exitCode()).as(args + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err().strip()).as(args.get(0)).startsWith("gdw-loader: " + refusal).doesNotContain("\n");
            assertThat(r.out()).as(args.get(0)).isEmpty();
        }
        Result validate = cli("validate", "--date", "20261127");
        assertThat(validate.exitCode()).as(validate.out()).isEqualTo(2);
        assertThat(validate.out()).contains("  ERROR " + refusal);
        assertServeIsRefused(refusal);

        // and nothing was written or migrated, no file moved
        assertThat(state()).isEqualTo(before);
        assertThat(LoaderHarness.files(data.resolve("landing"))).contains("BCFINSG_CA_PLAN_BALN_SEGM_MSTR_20261127_I.txt.gz");
    }

    @Test
    @Order(2)
    void validate_names_a_dcf_table_that_is_missing() throws SQLException {
        // given the schema of this build, one of whose tables was dropped
        sql("DELETE FROM \"DCF_SCHEMA_HISTORY\" WHERE \"version\" = '4'");
        sql("DROP TABLE DCF_T_FEED_LATE");

        Result validate = cli("validate", "--date", "20261127");

        assertThat(validate.exitCode()).as(validate.out()).isEqualTo(2);
        assertThat(validate.out()).contains("  ERROR the DCF table DCF_T_FEED_LATE of migration 3 is missing from "
                + DatabaseKind.redact(jdbcUrl));
    }

    private static void assertServeIsRefused(String refusal) throws InterruptedException {
        Map<String, String> props = new HashMap<>(ChildLoader.quickServe(data));
        props.put("loader.http.port", String.valueOf(FreePorts.next()));
        if (jdbcUser != null) {
            props.put("loader.db.url", jdbcUrl);
            props.put("loader.db.user", jdbcUser);
        }
        try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), props, Map.of(), "serve")) {
            assertThat(serve.awaitExit(Duration.ofSeconds(60))).as(serve.output()).isEqualTo(2);
            assertThat(serve.output()).contains("gdw-loader: " + refusal).doesNotContain("Apache Camel");
        }
    }

    /** The schema history, every table's row count and the lease rows, as text. */
    private static Map<String, String> state() throws SQLException {
        Map<String, String> state = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    state.put(t, String.valueOf(rs.getLong(1)));
                }
            }
            state.put("history", rows(st, "SELECT \"version\", \"checksum\", \"success\" FROM \"DCF_SCHEMA_HISTORY\" ORDER BY \"installed_rank\""));
            state.put("lease", rows(st, "SELECT * FROM DCF_T_STRM_LOCK"));
        }
        return state;
    }

    private static String rows(Statement st, String query) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    sb.append(rs.getString(i)).append('|');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
