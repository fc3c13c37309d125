package com.bank.gdw.loader.dcf;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/** Time as the DCF tables record it: UTC, to the millisecond. */
public final class DcfClock {

    private final Clock clock;

    public DcfClock(Clock clock) {
        this.clock = clock;
    }

    public static DcfClock utc() {
        return new DcfClock(Clock.systemUTC());
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
