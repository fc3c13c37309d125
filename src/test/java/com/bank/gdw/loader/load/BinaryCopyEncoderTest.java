package com.bank.gdw.loader.load;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.postgresql.util.ByteConverter;

import com.bank.gdw.loader.stream.ColumnType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NUMERIC send form the encoder writes, read back by the PostgreSQL driver's own decoder, for every scale a
 * column can have and values of every length: the value and its display scale survive, and the digits are in
 * PostgreSQL's canonical form (no leading or trailing zero digit), as the server's own numeric_send writes them.
 */
class BinaryCopyEncoderTest {

    private static final ParsedRows ROWS = new ParsedRows("binary-copy-encoder");

    private final BinaryCopyEncoder encoder = new BinaryCopyEncoder(ROWS.stream(), ROWS.load(1), 1 << 16, (b, o, l) -> { });
    private final byte[] out = new byte[64];

    @Test
    void every_scale_and_length_of_value_reads_back_as_the_same_decimal_in_canonical_form() {
        SplittableRandom random = new SplittableRandom(11);
        for (int scale = 0; scale <= 18; scale++) {
            for (int digits = 1; digits <= 18; digits++) {
                long low = digits == 1 ? 1 : ColumnType.powerOfTen(digits - 1);
                for (int i = 0; i < 200; i++) {
                    long magnitude = random.nextLong(low, ColumnType.powerOfTen(digits));
                    assertReadsBack(magnitude, scale);
                    assertReadsBack(-magnitude, scale);
                }
                // round values: trailing zero digits on either side of the point
                assertReadsBack(low, scale);
                assertReadsBack(-low, scale);
            }
            assertReadsBack(0, scale);
            assertReadsBack(999_999_999_999_999_999L, scale);
            assertReadsBack(-999_999_999_999_999_999L, scale);
        }
    }

    @Test
    void a_value_is_written_with_its_length_and_ends_where_the_encoder_says() {
        int end = encoder.numeric(out, 3, -1234567, 2);

        ByteBuffer b = ByteBuffer.wrap(out);
        assertThat(b.getInt(3)).isEqualTo(8 + 2 * 3);
        assertThat(end).isEqualTo(3 + 4 + 8 + 2 * 3);
        // -12345.67: digits 1 2345 . 6700, weight 1, negative, display scale 2
        assertThat(new short[] {b.getShort(7), b.getShort(9), b.getShort(11), b.getShort(13)})
                .containsExactly((short) 3, (short) 1, (short) 0x4000, (short) 2);
        assertThat(new short[] {b.getShort(15), b.getShort(17), b.getShort(19)}).containsExactly((short) 1, (short) 2345, (short) 6700);
    }

    private void assertReadsBack(long unscaled, int scale) {
        int end = encoder.numeric(out, 0, unscaled, scale);
        ByteBuffer b = ByteBuffer.wrap(out);
        int length = b.getInt(0);
        assertThat(end).isEqualTo(4 + length);
        BigDecimal expected = BigDecimal.valueOf(unscaled, scale);
        BigDecimal read = (BigDecimal) ByteConverter.numeric(out, 4, length);
        assertThat(read).as("%s (scale %d)", expected, scale).isEqualTo(expected);
        int ndigits = b.getShort(4);
        assertThat(length).isEqualTo(8 + 2 * ndigits);
        if (ndigits > 0) {
            assertThat(b.getShort(12)).as("first digit of %s", expected).isNotZero();
            assertThat(b.getShort(12 + 2 * (ndigits - 1))).as("last digit of %s", expected).isNotZero();
        }
    }
}
