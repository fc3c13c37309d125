package com.bank.gdw.loader.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream definition whose targetTable carries SQL is refused by every command with exit code 2 and one line naming
 * file and key, before any database or directory is touched: no DCF database, no DCF table, no data directory.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadStreamDefinitionTest extends CommandLineScenario {

    private static final String INJECTED = "DCF_T_STRM; DROP TABLE DCF_T_FEED_LATE; --";
    private static Path yaml;

    BadStreamDefinitionTest(TestDatabase database) {
        // chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void streamWithInjectedTargetTable(TestDatabase db) throws IOException {
        open(db, "bad-stream-definition", "bad_stream_definition");
        Path config = Path.of("target", "it", "bad-stream-definition-config-" + db).toAbsolutePath();
        LoaderHarness.deleteTree(config);
        Files.createDirectories(config.resolve("streams"));
        Files.createDirectories(config.resolve("layouts"));
        Files.copy(Path.of("config/layouts/plan_baln_segm_mstr.columns.csv"), config.resolve("layouts/plan_baln_segm_mstr.columns.csv"));
        yaml = config.resolve("streams/bcfinsg.yaml");
        Files.writeString(yaml, Files.readString(Path.of("config/streams/bcfinsg.yaml"))
                .replace("targetTable: PLAN_BALN_SEGM_MSTR", "targetTable: \"" + INJECTED + "\""));
        System.setProperty("loader.streams-dir", config.resolve("streams").toString());
    }

    @AfterParameterizedClassInvocation
    static void reset() {
        System.clearProperty("loader.streams-dir");
        close();
    }

    private static String refusal() {
        return "stream definition " + yaml + ": targetTable must be a SQL identifier (a letter or _, then letters, digits, _ or $; "
                + "optionally schema.table): " + INJECTED;
    }

    @Test
    @Order(1)
    void run_refuses_it_with_exit_2_and_one_line_before_any_database_or_directory_is_made() throws SQLException {
        Result run = cli("run", "--date", "20260105");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("gdw-loader: " + refusal());
        assertThat(run.out()).isEmpty();
        assertThat(data).as("the data directory (and the embedded DCF database in it)").doesNotExist();
        if (jdbcUser != null) {
            assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")).as("tables").isZero();
        }
    }

    @Test
    @Order(2)
    void every_other_command_refuses_it_with_exit_2_and_one_line() throws SQLException {
        String[][] commands = {
            {"validate", "--date", "20260105"},
            {"status"},
            {"generate", "--rows", "5", "--date", "20260105", "--out", data.resolve("landing").toString(),
                "--streams-dir", yaml.getParent().toString()},
            {"replay", "--from", "20260105", "--to", "20260105"},
            {"release-lock", "--stream", "bcfinsg"},
        };
        for (String[] command : commands) {
            Result r = cli(command);

            assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.out() + r.err()).isEqualTo(2);
            String said = (r.out() + r.err()).strip();
            assertThat(said).as(command[0]).contains(refusal()).doesNotContain("Exception");
            if (!command[0].equals("validate")) {
                assertThat(said.lines()).as(command[0]).hasSize(1);
            }
        }
        assertThat(data).doesNotExist();
        if (jdbcUser != null) {
            assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")).as("tables").isZero();
        }
    }
}
