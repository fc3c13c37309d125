package com.bank.gdw.loader.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A .gz load file is read as gzip (RFC 1952) reads it: every member, one after another, and every byte of the file in
 * some member. What is not (a damaged member, bytes after the last one, a cut header) fails the read as the file's
 * problem, naming the file, where it used to end the read early and load what came before without a word.
 */
class GzipLoadFileTest {

    @TempDir
    Path dir;

    private static byte[] member(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private List<String> lines(byte[] file) throws IOException {
        Path p = Files.write(dir.resolve("f.txt.gz"), file);
        List<String> out = new ArrayList<>();
        try (FeedInput.Opened in = FeedInput.open(p)) {
            LineReader r = new LineReader(in.records(), "f.txt.gz", 1 << 20);
            while (r.next()) {
                out.add(new String(r.buffer(), r.start(), r.end() - r.start(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void every_member_of_a_multi_member_file_is_read() throws IOException {
        assertThat(lines(concat(member("a\nb\n"), member("c\n"), member(""), member("d\n")))).containsExactly("a", "b", "c", "d");
    }

    @Test
    void a_later_member_with_a_damaged_header_fails_the_read() throws IOException {
        byte[] second = member("c\nd\n");
        second[2] = 9; // compression method: not deflate
        assertThatThrownBy(() -> lines(concat(member("a\nb\n"), second))).isInstanceOf(FeedFormatException.class)
                .hasMessageStartingWith("f.txt.gz line 3: corrupt gzip data");
    }

    @Test
    void bytes_after_the_last_member_fail_the_read() throws IOException {
        assertThatThrownBy(() -> lines(concat(member("a\n"), "GARBAGE\n".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("f.txt.gz line 2: corrupt gzip data");
        assertThatThrownBy(() -> lines(concat(member("a\n"), new byte[] {0x1f, (byte) 0x8b})))
                .isInstanceOf(FeedFormatException.class).hasMessageStartingWith("f.txt.gz line 2:");
    }

    @Test
    void a_cut_inside_a_later_member_header_fails_the_read() throws IOException {
        byte[] second = member("c\n");
        for (int cut : new int[] {2, 5, 10}) {
            byte[] file = concat(member("a\n"), Arrays.copyOf(second, cut));
            assertThatThrownBy(() -> lines(file)).as("cut after %d bytes", cut).isInstanceOf(FeedFormatException.class)
                    .hasMessageStartingWith("f.txt.gz line 2:");
        }
    }

    @Test
    void a_bad_first_header_is_the_file_s_problem_named_by_file_and_line() throws IOException {
        byte[] method = member("a\n");
        method[2] = 9;
        assertThatThrownBy(() -> lines(method)).isInstanceOf(FeedFormatException.class)
                .hasMessageStartingWith("f.txt.gz line 1: corrupt gzip data");
        assertThatThrownBy(() -> lines(Arrays.copyOf(member("a\n"), 5))).isInstanceOf(FeedFormatException.class)
                .hasMessageStartingWith("f.txt.gz line 1: the gzip data ends early");
    }

    /** A member as gzip(1) and other tools write them: file name, comment, extra field and header CRC in the header. */
    private static byte[] memberWithHeaderFields(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] raw = new byte[data.length + 64];
        int rawLength = deflater.deflate(raw);
        deflater.end();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3});
        out.writeBytes(new byte[] {4, 0, 'a', 'b', 'c', 'd'});
        out.writeBytes("f.txt\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0x12, 0x34});
        out.write(raw, 0, rawLength);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                (byte) data.length, (byte) (data.length >> 8), (byte) (data.length >> 16), (byte) (data.length >> 24)});
        return out.toByteArray();
    }

    @Test
    void header_fields_are_skipped_as_gzip_defines_them() throws IOException {
        assertThat(lines(concat(memberWithHeaderFields("a\nb\n"), member("c\n")))).containsExactly("a", "b", "c");
    }

    @Test
    void a_member_whose_data_differs_from_its_trailer_fails_the_read() throws IOException {
        byte[] crc = member("a\nb\n");
        crc[crc.length - 8] ^= 1;
        assertThatThrownBy(() -> lines(crc)).isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("corrupt gzip data (gzip member 1: CRC-32 differs from its trailer)");
        byte[] size = member("a\nb\n");
        size[size.length - 4] ^= 1;
        assertThatThrownBy(() -> lines(size)).isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("corrupt gzip data (gzip member 1: size differs from its trailer)");
    }

    @Test
    void a_large_file_of_many_members_reads_whole() throws IOException {
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            first.append(i).append('|').append("x".repeat(i % 50)).append('\n');
        }
        List<String> read = lines(concat(member(first.toString()), member("last\n")));
        assertThat(read).hasSize(200_001);
        assertThat(read.get(199_999)).isEqualTo("199999|" + "x".repeat(199_999 % 50));
        assertThat(read.get(200_000)).isEqualTo("last");
    }
}
