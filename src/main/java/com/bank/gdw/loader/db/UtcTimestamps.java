package com.bank.gdw.loader.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * Binds the loader's timestamps, which are UTC wall-clock values, so that the value stored is that wall clock
 * whatever the JVM's time zone. {@code Timestamp.valueOf(LocalDateTime)} would not do: it reads the wall clock in the
 * JVM's zone, and a driver that binds the instant (Snowflake's) then stores it shifted by that zone's offset.
 */
public final class UtcTimestamps {

    private UtcTimestamps() {
    }

    /**
     * The instant of that wall clock in UTC, with a UTC calendar: PostgreSQL and DuckDB render it in the calendar's
     * zone (the wall clock), Snowflake binds the instant, which is the wall clock in a UTC session (TIMEZONE=UTC).
     */
    public static void bind(PreparedStatement ps, int index, LocalDateTime utcWallClock) throws SQLException {
        ps.setTimestamp(index, Timestamp.from(utcWallClock.toInstant(ZoneOffset.UTC)), utcCalendar());
    }

    /** A new calendar per call: Calendar is mutable and drivers may set fields on it. */
    private static Calendar utcCalendar() {
        return Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
    }
}
