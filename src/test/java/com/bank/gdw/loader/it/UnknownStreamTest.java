package com.bank.gdw.loader.it;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A `--stream` that names no configured stream is refused by the commands that take one with exit code 2 and one
 * line, before the loader starts: no data directory, no DCF database, no stream registered.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class UnknownStreamTest extends CommandLineScenario {

    UnknownStreamTest(TestDatabase database) {
        // chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void dataDirectory(TestDatabase db) {
        open(db, "unknown-stream", "unknown_stream");
    }

    @AfterParameterizedClassInvocation
    static void reset() {
        close();
    }

    @Test
    void run_replay_and_release_lock_refuse_an_unknown_stream_before_anything_is_made() throws SQLException {
        String[][] commands = {
            {"run", "--date", "20260105", "--stream", "nope"},
            {"replay", "--from", "20260105", "--to", "20260105", "--stream", "nope"},
            {"release-lock", "--stream", "nope"},
        };
        for (String[] command : commands) {
            Result r = cli(command);

            assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err().strip()).as(command[0]).isEqualTo("gdw-loader: no stream nope (configured: [bcfinsg])");
        }
        assertThat(data).as("the data directory (and the embedded DCF database in it)").doesNotExist();
        if (jdbcUser != null) {
            assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")).as("tables").isZero();
        }
    }
}
