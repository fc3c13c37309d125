package com.bank.gdw.loader.feed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.RecordLines;

import static org.assertj.core.api.Assertions.assertThat;

/** The type rules of the feed: field count, keys, decimals, dates and the 1111-11-11 marker, lengths, UTF-8, control characters, spaces. */
class RecordParserTest {

    private static final StreamDefinition BCFINSG = new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"));

    private final RecordParser parser = new RecordParser(BCFINSG);
    private final RecordBatch batch = new RecordBatch(BCFINSG.layout(), 4);

    private RecordParser.Outcome parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(b, 0, b.length, batch);
    }

    private boolean accepts(String line) {
        return parse(line).accepted();
    }

    private RejectReason rejects(String line) {
        return parse(line).reason();
    }

    private RecordLines record() {
        return RecordLines.record(BCFINSG, "12345");
    }

    private int col(String name) {
        return BCFINSG.layout().indexOf(name);
    }

    @Test
    void a_valid_record_is_accepted_with_its_values_typed() {
        assertThat(accepts(record().with("ORIG_BALN", "-12345678901.25").with("DATE_FRST_TRAN", "2024-02-29")
                .with("FRNT_LOAD_IRTE", ".5".replace(".", "0.")).line())).isTrue();

        assertThat(batch.unscaled(col("ORIG_BALN"), 0)).isEqualTo(-1234567890125L);
        assertThat(LocalDate.ofEpochDay(batch.epochDay(col("DATE_FRST_TRAN"), 0))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(batch.unscaled(col("FRNT_LOAD_IRTE"), 0)).isEqualTo(500000);
        assertThat(batch.text(col("ACCT_I"), 0)).isEqualTo("12345");
    }

    @Test
    void spaces_around_a_value_are_removed_and_an_empty_field_is_null() {
        assertThat(accepts(record().with("USER_CODE", "  ab  ").with("ORIG_BALN", "   ").with("CURR_MIN_PAYT_DUE", " 7.5 ").line())).isTrue();

        assertThat(batch.text(col("USER_CODE"), 0)).isEqualTo("ab");
        assertThat(batch.isNull(col("ORIG_BALN"), 0)).isTrue();
        assertThat(batch.unscaled(col("CURR_MIN_PAYT_DUE"), 0)).isEqualTo(750);
    }

    @Test
    void the_date_marker_loads_as_null_and_counts_as_a_defect() {
        RecordParser.Outcome parsed = parse(record().with("DATE_MIGR", "1111-11-11").with("DATE_LAST_MNTN", "1111-11-11").line());

        assertThat(parsed.accepted()).isTrue();
        assertThat(batch.isNull(col("DATE_MIGR"), 0)).isTrue();
        assertThat(parsed.dateMarkers()).isEqualTo(2);
    }

    @Test
    void a_record_without_exactly_129_fields_is_a_field_count_reject() {
        RecordParser.Outcome longer = parse(record().line() + "|");
        assertThat(longer.reason()).isEqualTo(RejectReason.FIELD_COUNT);
        assertThat(longer.failure()).isEqualTo("more than 129 fields");
        assertThat(longer.column()).isEqualTo(-1);
        RecordParser.Outcome shorter = parse(record().line().substring(0, record().line().lastIndexOf('|')));
        assertThat(shorter.reason()).isEqualTo(RejectReason.FIELD_COUNT);
        assertThat(shorter.failure()).isEqualTo("128 fields, expected 129");
        assertThat(rejects("")).isEqualTo(RejectReason.FIELD_COUNT);
    }

    @Test
    void the_fields_are_the_same_wherever_the_line_lies_in_the_buffer_and_whatever_delimiters_surround_it() {
        byte[] line = record().with("USER_CODE", " ab ").with("CURR_MIN_PAYT_DUE", "7.5").line().getBytes(StandardCharsets.UTF_8);
        byte[] longer = (record().line() + "|x").getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 16; offset++) {
            byte[] buffer = new byte[offset + line.length + 16];
            java.util.Arrays.fill(buffer, (byte) '|');
            System.arraycopy(line, 0, buffer, offset, line.length);
            RecordBatch one = new RecordBatch(BCFINSG.layout(), 1);

            assertThat(parser.parse(buffer, offset, offset + line.length, one).accepted()).as("offset %d", offset).isTrue();
            one.commitRow(1, 0);
            assertThat(one.text(col("USER_CODE"), 0)).isEqualTo("ab");
            assertThat(one.unscaled(col("CURR_MIN_PAYT_DUE"), 0)).isEqualTo(750);
            assertThat(one.text(col("ACCT_I"), 0)).isEqualTo("12345");
            assertThat(one.isNull(col("ORIG_BALN"), 0)).isFalse();

            byte[] longerBuffer = new byte[offset + longer.length + 16];
            System.arraycopy(longer, 0, longerBuffer, offset, longer.length);
            RecordParser.Outcome tooMany = parser.parse(longerBuffer, offset, offset + longer.length, one);
            assertThat(tooMany.reason()).isEqualTo(RejectReason.FIELD_COUNT);
            assertThat(tooMany.failure()).isEqualTo("more than 129 fields");
        }
        // shorter than one word, and exactly one word, of delimiters only
        assertThat(parse("|||").failure()).isEqualTo("4 fields, expected 129");
        assertThat(parse("||||||||").failure()).isEqualTo("9 fields, expected 129");
        assertThat(parse("|".repeat(129)).failure()).isEqualTo("more than 129 fields");
    }

    @Test
    void an_empty_key_field_is_a_key_missing_reject() {
        for (String key : new String[] {"CORP_IDNN", "ACCT_I", "PLAN_IDNN", "PLAN_SQNO"}) {
            RecordParser.Outcome parsed = parse(record().with(key, " ").line());
            assertThat(parsed.reason()).as(key).isEqualTo(RejectReason.KEY_MISSING);
            assertThat(BCFINSG.layout().column(parsed.column()).name()).isEqualTo(key);
        }
    }

    @Test
    void decimals_respect_precision_scale_and_syntax() {
        assertThat(accepts(record().with("ORIG_BALN", "12345678901.00").line())).isTrue();            // 11 integer digits of DECIMAL(13,2)
        assertThat(rejects(record().with("ORIG_BALN", "123456789012").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(accepts(record().with("ORIG_BALN", "0000000000001.5").line())).isTrue();          // leading zeros are not digits of magnitude
        assertThat(rejects(record().with("ORIG_BALN", "1.234").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(rejects(record().with("ORIG_BALN", "1,00").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(rejects(record().with("ORIG_BALN", "1e3").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(rejects(record().with("ORIG_BALN", "-").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(accepts(record().with("ORIG_BALN", "+3.").line())).isTrue();
        assertThat(accepts(record().with("INT_SAVE_RATE", "0.99").line())).isTrue();                 // DECIMAL(2,2): magnitude < 1
        assertThat(rejects(record().with("INT_SAVE_RATE", "1.00").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(accepts(record().with("FRNT_LOAD_IRTE", "-0.123456").line())).isTrue();           // DECIMAL(6,6)
        String fraction = record().with("PLAN_SQNO", " 1.0 ").line();
        RecordParser.Outcome parsed = parse(fraction);
        assertThat(parsed.reason()).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(BCFINSG.layout().column(parsed.column()).name()).isEqualTo("PLAN_SQNO");
        assertThat(parsed.fieldText(fraction.getBytes(StandardCharsets.UTF_8))).isEqualTo("1.0");
    }

    @Test
    void dates_must_be_real_calendar_days_written_yyyy_mm_dd() {
        assertThat(rejects(record().with("DATE_MIGR", "2023-02-29").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(rejects(record().with("DATE_MIGR", "2026-13-01").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(rejects(record().with("DATE_MIGR", "2026-1-01").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(rejects(record().with("DATE_MIGR", "20260101").line())).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(accepts(record().with("DATE_MIGR", "1900-01-01").line())).isTrue();
        assertThat(LocalDate.ofEpochDay(batch.epochDay(col("DATE_MIGR"), 0))).isEqualTo(LocalDate.of(1900, 1, 1));
    }

    @Test
    void text_is_at_most_its_length_in_characters_and_must_be_utf8() {
        assertThat(accepts(record().with("USER_CODE", "ÄÖÜäöüßéèê").line())).isTrue();              // 10 characters, 20 bytes
        assertThat(rejects(record().with("USER_CODE", "ÄÖÜäöüßéèêx").line())).isEqualTo(RejectReason.INVALID_VALUE);
        byte[] bad = record().with("USER_CODE", "AB").line().getBytes(StandardCharsets.UTF_8);
        bad[indexOf(bad, (byte) 'A', col("USER_CODE"))] = (byte) 0xC3;
        RecordParser.Outcome parsed = parser.parse(bad, 0, bad.length, batch);
        assertThat(parsed.reason()).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(parsed.failure()).isEqualTo("not valid UTF-8");
    }

    @Test
    void values_carrying_sql_are_plain_text() {
        assertThat(accepts(record().with("USER_CODE", "');DROP--").line())).isTrue();
        assertThat(batch.text(col("USER_CODE"), 0)).isEqualTo("');DROP--");
    }

    @Test
    void a_control_character_other_than_tab_in_text_is_an_invalid_value_of_its_column() {
        for (char control : new char[] {'\u0000', '\u0001', '\r', '\u001f'}) {
            RecordParser.Outcome parsed = parse(record().with("STOR_IDNN", "AB" + control + "CD").line());
            assertThat(parsed.reason()).as("0x%02X", (int) control).isEqualTo(RejectReason.INVALID_VALUE);
            assertThat(BCFINSG.layout().column(parsed.column()).name()).isEqualTo("STOR_IDNN");
            assertThat(parsed.failure()).isEqualTo(String.format("control character 0x%02X", (int) control));
        }
        assertThat(accepts(record().with("STOR_IDNN", "AB\tCD").line())).isTrue();
        assertThat(batch.text(col("STOR_IDNN"), 0)).isEqualTo("AB\tCD");
    }

    @Test
    void a_reject_keeps_control_characters_escaped_so_no_database_refuses_it() {
        Reject r = new Reject(7, RejectReason.INVALID_VALUE, "STOR_IDNN", "AB\u0000\u0000\tC\u001fD");
        assertThat(r.value()).isEqualTo("AB\\x00\\x00\tC\\x1fD");
        assertThat(new Reject(7, RejectReason.INVALID_VALUE, "STOR_IDNN", r.value()).value()).isEqualTo(r.value());
    }

    /** Position of {@code b} within field {@code field} of a record line. */
    private static int indexOf(byte[] line, byte b, int field) {
        int f = 0;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '|') {
                f++;
            } else if (f == field && line[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
