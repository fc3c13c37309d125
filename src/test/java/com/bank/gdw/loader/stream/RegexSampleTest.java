package com.bank.gdw.loader.stream;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Samples of a regular expression: all matched by it, every class member and branch among them, odd syntax refused. */
class RegexSampleTest {

    @Test
    void every_sample_matches_the_pattern() {
        String regex = "^(?<unit>BCFINSG_C[A-Za-z0-9])\\Q_PLAN.txt\\E(?<date>\\d{8})(\\.gz)?[^_]+?x{2,4}(a|bc|)$";

        List<String> samples = RegexSample.of(regex, 200);

        assertThat(samples).hasSize(200).allMatch(s -> Pattern.compile(regex).matcher(s).matches());
    }

    @Test
    void every_member_of_a_class_and_every_branch_appears() {
        assertThat(RegexSample.of("U[A-Za-z0-9]", 100)).hasSize(62).contains("UA", "Uz", "U0", "U9");
        assertThat(RegexSample.of("(RED|GREEN|BLUE)_\\d", 100)).contains("RED_0", "GREEN_1", "BLUE_2");
        assertThat(RegexSample.of("a(\\.gz)?", 10)).containsExactlyInAnyOrder("a", "a.gz");
    }

    @Test
    void a_literal_has_one_sample_and_quoted_metacharacters_stay_literal() {
        assertThat(RegexSample.of(Pattern.quote("A.B*C") + "\\d{2}", 5)).allMatch(s -> s.startsWith("A.B*C")).hasSize(5);
        assertThat(RegexSample.of("BCFINSG", 5)).containsExactly("BCFINSG");
    }

    @Test
    void repetitions_take_their_fewest_and_some_more() {
        assertThat(RegexSample.of("x*", 10)).contains("", "x", "xx", "xxx");
        assertThat(RegexSample.of("y{2,9}", 10)).contains("yy", "yyy", "yyyyyyyyy").doesNotContain("y");
    }

    @Test
    void overlapping_classes_meet_in_the_samples() {
        Pattern other = Pattern.compile("F_[K-Z]");

        assertThat(RegexSample.of("F_[A-M]", 100)).anyMatch(s -> other.matcher(s).matches());
    }

    @Test
    void look_around_back_references_and_flags_are_refused_by_name() {
        for (String regex : new String[] {"a(?=b)", "(a)\\1", "(?i)abc", "\\p{Alpha}", "[a-z&&[^x]]"}) {
            assertThatThrownBy(() -> RegexSample.of(regex, 5)).as(regex).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cannot sample the pattern " + regex + ": ");
        }
    }
}
