package com.bank.gdw.loader.feed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteOrderMarkTest {

    private static final byte[] MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static byte[] read(byte[]... parts) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(parts));
        return ByteOrderMark.skipped(in).readAllBytes();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void a_mark_at_the_start_is_left_out() throws IOException {
        assertThat(read(MARK, "C001|A".getBytes())).asString().isEqualTo("C001|A");
        assertThat(read(MARK)).isEmpty();
    }

    @Test
    void a_mark_anywhere_else_is_text_and_stays() throws IOException {
        assertThat(read("C001|A\n".getBytes(), MARK, "C002".getBytes())).isEqualTo(concat("C001|A\n".getBytes(), MARK, "C002".getBytes()));
    }

    @Test
    void a_stream_that_only_begins_like_a_mark_keeps_every_byte() throws IOException {
        assertThat(read(new byte[] {(byte) 0xEF, (byte) 0xBB})).containsExactly(0xEF, 0xBB);
        assertThat(read(new byte[] {(byte) 0xEF, (byte) 0xBB, 'x', 'y'})).containsExactly(0xEF, 0xBB, 'x', 'y');
        assertThat(read(new byte[0])).isEmpty();
    }

    @Test
    void byte_by_byte_reading_sees_the_same_bytes() throws IOException {
        var in = ByteOrderMark.skipped(new ByteArrayInputStream(concat(MARK, "ab".getBytes())));
        assertThat(new int[] {in.read(), in.read(), in.read()}).containsExactly('a', 'b', -1);
    }

    @Test
    void a_mark_that_arrives_a_byte_at_a_time_is_still_left_out() throws IOException {
        var oneByOne = new FilterInputStream(new ByteArrayInputStream(concat(MARK, "ab".getBytes()))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(ByteOrderMark.skipped(oneByOne).readAllBytes()).asString().isEqualTo("ab");
    }
}
