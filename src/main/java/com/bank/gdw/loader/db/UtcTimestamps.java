package com.bank.gdw.loader.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;

import net.snowflake.client.api.statement.SnowflakePreparedStatement;

/**
 * Binds the loader's timestamps, which are UTC wall-clock values, so that the value stored is that wall clock
 * whatever the JVM's time zone. PostgreSQL's and DuckDB's drivers store the wall clock of
 * {@code Timestamp.valueOf(LocalDateTime)} as it is; snowflake-jdbc binds the instant, which the JVM's zone would shift,
 * so Snowflake gets the wall clock's UTC instant (a UTC session, TIMEZONE=UTC, stores it as that wall clock).
 */
public final class UtcTimestamps {

    private UtcTimestamps() {
    }

    public static void bind(PreparedStatement ps, int index, LocalDateTime utcWallClock) throws SQLException {
        if (ps.isWrapperFor(SnowflakePreparedStatement.class)) {
            ps.setTimestamp(index, Timestamp.from(utcWallClock.toInstant(ZoneOffset.UTC)), utcCalendar());
        } else {
            ps.setTimestamp(index, Timestamp.valueOf(utcWallClock));
        }
    }

    /** A new calendar per call: Calendar is mutable and drivers may set fields on it. */
    private static Calendar utcCalendar() {
        return Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
    }
}
