package com.bank.gdw.loader.cli;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure to open the embedded database file is told apart when another process holds it, and the holder named. */
class DatabaseFileHeldExceptionTest {

    private static final String URL = "jdbc:duckdb:/data/db/loader.duckdb";

    @Test
    void duckdbs_lock_conflict_names_the_file_and_the_holders_pid() {
        SQLException refused = new SQLException("IO Error: Could not set lock on file \"/data/db/loader.duckdb\": Conflicting lock is "
                + "held in /usr/lib/jvm/java-17/bin/java (PID 4242) by user loader. See also https://duckdb.org/docs/connect/concurrency");

        assertThat(DatabaseFileHeldException.of(URL, new IllegalStateException("pool", refused))).hasMessage(
                "the embedded database file /data/db/loader.duckdb is held by another process (PID 4242), a running serve: "
                        + "stop it first, or use its JMX operations");
    }

    @Test
    void other_failures_and_other_databases_are_not_taken_for_a_held_file() {
        assertThat(DatabaseFileHeldException.of(URL, new SQLException("IO Error: Cannot open file: Permission denied"))).isNull();
        assertThat(DatabaseFileHeldException.of("jdbc:postgresql://db/gdw", new SQLException("could not obtain lock on row"))).isNull();
    }
}
