package com.bank.gdw.loader.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.RecordBatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded writer: its table function stores each value as parsed, and a key of another unit is a key conflict. */
class DuckDbTargetWriterTest {

    private static final ParsedRows ROWS = new ParsedRows("duckdb-writer");

    private final DuckDbTargetWriter writer = new DuckDbTargetWriter();
    private Connection c;

    @BeforeEach
    void freshDatabase() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "duckdb-writer").toAbsolutePath());
        Files.deleteIfExists(dir.resolve("target.duckdb"));
        Files.deleteIfExists(dir.resolve("target.duckdb.wal"));
        c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("target.duckdb"));
        writer.prepare(c, ROWS.stream());
        c.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        c.rollback();
        c.close();
    }

    @Test
    void the_table_function_stores_every_value_as_the_parser_read_it() throws Exception {
        List<RecordBatch> batches = ROWS.parse(ROWS.edgeRecords());

        long written = writer.write(c, ROWS.load(1), ParsedRows.source(batches));

        assertThat(written).isEqualTo(ROWS.edgeRecords().size());
        ROWS.assertStoredAsParsed(c, batches.get(0), 1);
    }

    @Test
    void a_key_another_unit_holds_fails_the_direct_insert_as_a_key_conflict() throws Exception {
        writer.write(c, ROWS.load(1), ParsedRows.source(ROWS.parse(List.of(ROWS.line("1001"), ROWS.line("1002")))));
        c.commit();

        assertThatThrownBy(() -> writer.write(c, ROWS.load(2), ParsedRows.source(ROWS.parse(List.of(ROWS.line("1002"))))))
                .isInstanceOf(KeyConflictException.class);
    }
}
