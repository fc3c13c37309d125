package com.bank.gdw.loader.load;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each writer knows its database's words for a refused value, and tells them from a fault of the database. */
class RefusedValueWordsTest {

    @Test
    void postgresql_refuses_with_sqlstate_class_22() {
        PostgresCopyWriter pg = new PostgresCopyWriter();
        assertThat(pg.refusesValue(new SQLException("ERROR: numeric field overflow", "22003"))).isTrue();
        assertThat(pg.refusesValue(new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))).isTrue();
        assertThat(pg.refusesValue(new SQLException("An I/O error occurred while sending to the backend.", "08006"))).isFalse();
        assertThat(pg.refusesValue(new SQLException("ERROR: relation \"plan_baln_segm_mstr\" does not exist", "42P01"))).isFalse();
        assertThat(pg.refusesValue(new SQLException("ERROR: duplicate key value violates unique constraint", "23505"))).isFalse();
    }

    @Test
    void duckdb_refuses_in_the_first_words_of_its_message() {
        DuckDbTargetWriter duck = new DuckDbTargetWriter();
        assertThat(duck.refusesValue(new SQLException("Conversion Error: Casting value \"1234567.25\" to type DECIMAL(5,2) failed"))).isTrue();
        assertThat(duck.refusesValue(new SQLException("Out of Range Error: cannot add 1 to 9223372036854775807"))).isTrue();
        assertThat(duck.refusesValue(new SQLException("Invalid Input Error: Could not convert string 'x' to INT32"))).isTrue();
        assertThat(duck.refusesValue(new SQLException("Decimal Error: value out of range"))).isTrue();
        assertThat(duck.refusesValue(new SQLException("Catalog Error: Table with name PLAN_BALN_SEGM_MSTR does not exist!"))).isFalse();
        assertThat(duck.refusesValue(new SQLException("IO Error: No space left on device"))).isFalse();
        assertThat(duck.refusesValue(new SQLException("Constraint Error: Duplicate key \"ACCT_I: 1\" violates primary key constraint"))).isFalse();
    }

    @Test
    void snowflake_refuses_with_class_22_or_in_words() {
        SnowflakeStageWriter sf = new SnowflakeStageWriter();
        assertThat(sf.refusesValue(new SQLException("Numeric value 'abc' is not recognized", "22018"))).isTrue();
        assertThat(sf.refusesValue(new SQLException("Date '2026-02-30' is not recognized", (String) null))).isTrue();
        assertThat(sf.refusesValue(new SQLException("Numeric value '123456789012345' is out of range", (String) null))).isTrue();
        assertThat(sf.refusesValue(new SQLException("JDBC driver encountered communication error", "08006"))).isFalse();
        assertThat(sf.refusesValue(new SQLException("Object 'GDW.LOAD.PLAN_BALN_SEGM_MSTR' does not exist", "02000"))).isFalse();
    }

    @Test
    void a_refusal_keeps_the_line_and_column_and_an_other_error_stays_as_it_is() {
        PostgresCopyWriter pg = new PostgresCopyWriter();
        SQLException refused = pg.refusal(new SQLException("ERROR: numeric field overflow", "22003"), 7, "orig_baln");
        assertThat((Throwable) refused).isInstanceOf(RefusedValueException.class);
        assertThat(((RefusedValueException) refused).line()).isEqualTo(7);
        assertThat(((RefusedValueException) refused).column()).isEqualTo("orig_baln");
        SQLException outage = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat((Throwable) pg.refusal(outage, 7, null)).isSameAs(outage);
    }

    @Test
    void copy_rows_map_back_to_file_lines_across_the_gaps_rejects_leave() {
        PostgresCopyWriter.CopyLines lines = new PostgresCopyWriter.CopyLines();
        for (long line : new long[] {1, 2, 4, 5, 6, 9}) {
            lines.add(line);
        }
        assertThat(lines.fileLine(1)).isEqualTo(1);
        assertThat(lines.fileLine(3)).isEqualTo(4);
        assertThat(lines.fileLine(5)).isEqualTo(6);
        assertThat(lines.fileLine(6)).isEqualTo(9);
        assertThat(lines.fileLine(7)).isZero();
        assertThat(lines.fileLine(0)).isZero();
    }
}
