package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a stream's files are due (its YAML's {@code due:}): the units expected for each business date, due by a time
 * of day in a zone, {@code dayOffset} days after the business date; only business days (weekdays unless listed, and
 * not a holiday) have files.
 */
public record FeedDue(List<String> units, LocalTime by, ZoneId zone, int dayOffset, Set<DayOfWeek> businessDays,
                      Set<LocalDate> holidays) {

    /** How far back the latest due business date is looked for (a long run of holidays). */
    private static final int LOOK_BACK_DAYS = 60;

    public static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    public FeedDue {
        units = List.copyOf(units);
        if (units.isEmpty()) {
            throw new IllegalArgumentException("due.units must name at least one unit");
        }
        if (dayOffset < 0) {
            throw new IllegalArgumentException("due.dayOffset must not be negative");
        }
        businessDays = businessDays.isEmpty() ? WEEKDAYS : EnumSet.copyOf(businessDays);
        holidays = Set.copyOf(holidays);
    }

    public boolean isBusinessDay(LocalDate date) {
        return businessDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** When the files of a business date are due. */
    public ZonedDateTime dueAt(LocalDate businessDate) {
        return businessDate.plusDays(dayOffset).atTime(by).atZone(zone);
    }

    /** The latest business date whose files were due at or before {@code now}. */
    public Optional<LocalDate> latestDue(Instant now) {
        LocalDate d = now.atZone(zone).toLocalDate().minusDays(dayOffset);
        for (int i = 0; i <= LOOK_BACK_DAYS; i++, d = d.minusDays(1)) {
            if (isBusinessDay(d) && !dueAt(d).toInstant().isAfter(now)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** A holiday list: one ISO date (2026-12-25) a line; blank lines and text after # are ignored. */
    public static Set<LocalDate> readHolidays(Path file) {
        Set<LocalDate> days = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int hash = line.indexOf('#');
                String d = (hash < 0 ? line : line.substring(0, hash)).strip();
                if (!d.isEmpty()) {
                    days.add(LocalDate.parse(d));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday list " + file, e);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("holiday list " + file + ": " + e.getMessage(), e);
        }
        return days;
    }
}
