package com.bank.gdw.loader.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader's timestamps are UTC wall-clock values: the value stored in a TIMESTAMP (TIMESTAMP_NTZ) column is the
 * wall clock it was given, whatever the time zone of the JVM that bound it.
 */
class TimestampBindingTest {

    private static final LocalDateTime WALL_CLOCK = LocalDateTime.of(2026, 11, 26, 23, 45, 6, 789_000_000);

    private TimeZone jvmZone;

    @BeforeEach
    void jvmInSydney() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Australia/Sydney"));
    }

    @AfterEach
    void jvmZoneBack() {
        TimeZone.setDefault(jvmZone);
    }

    @ParameterizedTest
    @MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
    void a_timestamp_is_stored_as_the_wall_clock_it_was_given_in_a_jvm_outside_utc(TestDatabase database) throws Exception {
        // given
        String url = database.freshUrlOrFile("timestamp_binding");
        try (Database db = new Database("t", url, database.user(), null, 1, DatabaseKind.of(url).driverProperties());
             Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE T (TS " + (database == TestDatabase.SNOWFLAKE ? "TIMESTAMP_NTZ" : "TIMESTAMP") + ")");

            // when
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO T (TS) VALUES (?)")) {
                UtcTimestamps.bind(ps, 1, WALL_CLOCK);
                ps.executeUpdate();
            }

            // then
            try (ResultSet rs = st.executeQuery("SELECT CAST(TS AS VARCHAR) FROM T")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("stored on %s", database).startsWith("2026-11-26 23:45:06.789");
            }
        } finally {
            database.drop("timestamp_binding");
        }
    }
}
