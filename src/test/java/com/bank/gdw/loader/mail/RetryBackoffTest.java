package com.bank.gdw.loader.mail;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry schedule of the outbox: growing waits up to a ceiling, and no retry after the last attempt. */
class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMinutes(1), 2, Duration.ofMinutes(10), 6);

    @Test
    void waits_grow_by_the_multiplier_up_to_the_ceiling() {
        assertThat(backoff.after(1)).contains(Duration.ofMinutes(1));
        assertThat(backoff.after(2)).contains(Duration.ofMinutes(2));
        assertThat(backoff.after(3)).contains(Duration.ofMinutes(4));
        assertThat(backoff.after(4)).contains(Duration.ofMinutes(8));
        assertThat(backoff.after(5)).contains(Duration.ofMinutes(10));
    }

    @Test
    void there_is_no_next_attempt_after_the_last_one() {
        assertThat(backoff.after(6)).isEmpty();
        assertThat(backoff.after(7)).isEmpty();
    }

    @Test
    void a_schedule_that_cannot_work_is_refused() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofMinutes(5), 2, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofMinutes(1), 2, Duration.ofMinutes(5), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
