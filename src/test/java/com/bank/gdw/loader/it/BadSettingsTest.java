package com.bank.gdw.loader.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.ChildLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad values of settings refuse a command before it makes anything: exit code 2 and one line on stderr naming each
 * variable, its value and what is allowed; no data directory, no database, no log line.
 */
class BadSettingsTest {

    private static final Map<String, String> BAD = Map.of("LOADER_LOG_FORMAT", "JSON", "LOADER_LEASE_HEARTBEAT_SECONDS", "0");
    private static final String REFUSAL = "gdw-loader: LOADER_LOG_FORMAT \"JSON\" must be text or json (lower case); "
            + "LOADER_LEASE_HEARTBEAT_SECONDS \"0\" must be a whole number from 1 to 2147483647";

    @Test
    void run_with_two_bad_settings_exits_2_with_one_line_naming_both_and_makes_nothing() throws Exception {
        Path data = Path.of("target", "it", "bad-settings", "data").toAbsolutePath();
        LoaderHarness.deleteTree(data.getParent());
        Path log = data.resolveSibling("run.log");

        try (ChildLoader child = ChildLoader.start(log, Map.of("loader.data-dir", data.toString()), BAD, "run", "--date", "20260105")) {
            assertThat(child.awaitExit(Duration.ofMinutes(1))).as(child.output()).isEqualTo(2);
            // the log's first line is the command the child was started with
            List<String> said = child.output().lines().skip(1).toList();
            assertThat(said).containsExactly(REFUSAL);
        }
        assertThat(data).as("the data directory (and the embedded DCF database in it)").doesNotExist();
    }

    @Test
    void validate_lists_them_as_errors_with_exit_2_and_opens_no_database() throws Exception {
        Path data = Path.of("target", "it", "bad-settings-validate", "data").toAbsolutePath();
        LoaderHarness.deleteTree(data.getParent());
        Path log = data.resolveSibling("validate.log");

        try (ChildLoader child = ChildLoader.start(log, Map.of("loader.data-dir", data.toString()), BAD, "validate", "--date", "20260105")) {
            assertThat(child.awaitExit(Duration.ofMinutes(1))).as(child.output()).isEqualTo(2);
            assertThat(child.output()).contains("  ERROR LOADER_LOG_FORMAT \"JSON\" must be text or json (lower case)",
                    "  ERROR LOADER_LEASE_HEARTBEAT_SECONDS \"0\" must be a whole number from 1 to 2147483647", "exit 2");
        }
        assertThat(data).doesNotExist();
    }
}
