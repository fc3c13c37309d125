package com.bank.gdw.loader.error;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The walk along an error's causes: the innermost one, its message, the outermost of a kind. */
class CausesTest {

    private final SQLException sql = new SQLException("connection refused", "08001", new ConnectException());
    private final IOException io = new IOException("wrapped", sql);
    private final Exception wrapped = new IllegalStateException("cannot open handle", new UncheckedIOException(io));

    @Test
    void the_root_is_the_innermost_cause_or_the_error_itself() {
        assertThat(Causes.root(wrapped)).isSameAs(sql.getCause());
        assertThat(Causes.root(sql.getCause())).isSameAs(sql.getCause());
    }

    @Test
    void the_root_message_is_the_innermost_message_or_its_class_when_it_has_none() {
        assertThat(Causes.rootMessage(wrapped)).isEqualTo("ConnectException");
        assertThat(Causes.rootMessage(sql)).isEqualTo("ConnectException");
        assertThat(Causes.rootMessage(new IllegalStateException("outer", new IOException("disk full")))).isEqualTo("disk full");
    }

    @Test
    void find_answers_the_outermost_cause_of_a_kind() {
        assertThat(Causes.find(wrapped, SQLException.class)).containsSame(sql);
        assertThat(Causes.find(wrapped, IOException.class)).containsSame(io);
        assertThat(Causes.find(wrapped, ArithmeticException.class)).isEmpty();
    }

    @Test
    void the_chain_runs_outermost_first() {
        assertThat(Causes.of(wrapped)).hasSize(5).first().isSameAs(wrapped);
    }
}
