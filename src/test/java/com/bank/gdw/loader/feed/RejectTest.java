package com.bank.gdw.loader.feed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the reject table keeps of a value: escaped, and cut to its column without splitting a character. */
class RejectTest {

    @Test
    void a_value_past_the_column_is_cut_before_a_character_it_cannot_hold_whole() {
        String value = "a".repeat(Reject.MAX_VALUE_CHARS - 1) + "\uD83D\uDE00" + "tail";

        Reject r = new Reject(7, RejectReason.INVALID_VALUE, "ACCT_I", value);

        // cut between the emoji's two halves, the value ended in half a character, which PostgreSQL stored as '?'
        assertThat(r.value()).isEqualTo("a".repeat(Reject.MAX_VALUE_CHARS - 1));
    }
}
