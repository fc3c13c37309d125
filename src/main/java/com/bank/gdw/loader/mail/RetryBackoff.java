package com.bank.gdw.loader.mail;

import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again: {@code initial} after the first attempt, growing by {@code multiplier} per
 * attempt up to {@code max}; after {@code maxAttempts} attempts it is not tried again.
 */
public record RetryBackoff(Duration initial, double multiplier, Duration max, int maxAttempts) {

    public RetryBackoff {
        if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("outbox retry: need 0 <= initial <= max, multiplier >= 1 and at least one attempt (initial "
                    + initial + ", multiplier " + multiplier + ", max " + max + ", attempts " + maxAttempts + ")");
        }
    }

    /** The wait after attempt number {@code attempts} failed; empty when that was the last attempt. */
    public Optional<Duration> after(int attempts) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
        return Optional.of(Duration.ofMillis((long) Math.min(millis, max.toMillis())));
    }
}
