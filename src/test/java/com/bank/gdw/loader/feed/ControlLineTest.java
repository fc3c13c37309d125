package com.bank.gdw.loader.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger's control line CTL|YYYYMMDD|count: what it says, or a one-line problem naming line and column. */
class ControlLineTest {

    @TempDir
    Path dir;

    private ControlLine.Reading read(String content) throws IOException {
        return ControlLine.read(Files.writeString(dir.resolve("BCFINSG_CA_20260115.DLY"), content, StandardCharsets.UTF_8), '|');
    }

    @Test
    void a_control_line_gives_its_date_and_count() throws IOException {
        assertThat(read("CTL|20260115|3\n").control()).isEqualTo(new ControlLine(LocalDate.of(2026, 1, 15), 3));
        assertThat(read(" CTL | 20260115 | 0003 \r\n").control()).isEqualTo(new ControlLine(LocalDate.of(2026, 1, 15), 3));
        assertThat(read("").control()).isNull();
        assertThat(read("").problem()).isNull();
    }

    @Test
    void a_count_is_written_in_ascii_digits_as_the_records_numbers_are() throws IOException {
        // Long.parseLong reads any Unicode digit; a record's decimal does not, and neither does the count now
        assertThat(read("CTL|20260115|\u0663\n").problem()).isEqualTo("BCFINSG_CA_20260115.DLY line 1 column 3: not a record count: \u0663");
        assertThat(read("CTL|20260115|\uFF13\n").problem()).isEqualTo("BCFINSG_CA_20260115.DLY line 1 column 3: not a record count: \uFF13");
        assertThat(read("CTL|20260115|0x3\n").problem()).isEqualTo("BCFINSG_CA_20260115.DLY line 1 column 3: not a record count: 0x3");
        assertThat(read("CTL|20260115|-1\n").problem()).isEqualTo("BCFINSG_CA_20260115.DLY line 1 column 3: negative record count -1");
    }

    @Test
    void what_the_problem_quotes_is_escaped() throws IOException {
        assertThat(read("CTL|20260115|3\u0000\n").problem()).isEqualTo("BCFINSG_CA_20260115.DLY line 1 column 3: not a record count: 3\\x00");
    }
}
