package com.bank.gdw.loader.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lines end with LF or CRLF, the last newline is optional, and a line past the limit is a clear error. */
class LineReaderTest {

    private static List<String> lines(String text, int max) throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "f.txt", max);
        List<String> out = new ArrayList<>();
        while (r.next()) {
            out.add(r.lineNumber() + ":" + new String(r.buffer(), r.start(), r.end() - r.start(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void lf_crlf_and_a_missing_final_newline_all_end_lines() throws IOException {
        assertThat(lines("a|b\r\nc|d\ne", 1 << 20)).containsExactly("1:a|b", "2:c|d", "3:e");
        assertThat(lines("a\n", 1 << 20)).containsExactly("1:a");
        assertThat(lines("", 1 << 20)).isEmpty();
        assertThat(lines("\n\n", 1 << 20)).containsExactly("1:", "2:");
    }

    @Test
    void a_line_longer_than_the_buffer_is_read_whole() throws IOException {
        String longLine = "x".repeat(3 << 20);
        assertThat(lines("a\n" + longLine + "\nb\n", 8 << 20)).extracting(String::length).containsExactly(3, 2 + longLine.length(), 3);
    }

    @Test
    void a_line_beyond_the_limit_names_the_file_and_line() {
        assertThatThrownBy(() -> lines("ok\n" + "y".repeat(3 << 20) + "\n", 2 << 20))
                .isInstanceOf(FeedFormatException.class)
                .hasMessage("f.txt line 2: longer than 2097152 bytes, the configured limit (loader.pipeline.max-line-bytes)");
    }
}
