package com.bank.gdw.loader.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextCutTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void text_within_the_limit_is_kept_whole() {
        assertThat(TextCut.atMost("abc", 3, "...")).isEqualTo("abc");
        assertThat(TextCut.atMost(null, 3, "...")).isNull();
    }

    @Test
    void longer_text_is_cut_with_the_marker_inside_the_limit() {
        assertThat(TextCut.atMost("abcdefgh", 6, "...")).isEqualTo("abc...");
        assertThat(TextCut.atMost("abcdefgh", 4, "")).isEqualTo("abcd");
    }

    @Test
    void a_cut_never_splits_a_character_in_two() {
        String value = "a".repeat(3999) + EMOJI + "b";
        String cut = TextCut.atMost(value, 4000, "");
        assertThat(cut).isEqualTo("a".repeat(3999));
        assertThat(TextCut.atMost("ab" + EMOJI + "cdef", 6, "...")).isEqualTo("ab...");
        assertThat(TextCut.atMost("a" + EMOJI + "bcdef", 6, "...")).isEqualTo("a" + EMOJI + "...");
    }
}
