package com.bank.gdw.loader.dcf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.db.Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A planned move never replaces a file: it moves, finishes an interrupted move, or refuses, on the embedded database. */
class FileMovesTest {

    private static final FileMoves.LineageFacts FACTS = new FileMoves.LineageFacts(LocalDate.of(2026, 3, 2), "PLAN_BALN_SEGM_MSTR", 2L);

    private Path dir;
    private Database db;
    private ControlTables dcf;

    @BeforeEach
    void fresh() throws Exception {
        dir = Files.createDirectories(Path.of("target", "file-moves", String.valueOf(System.nanoTime())).toAbsolutePath());
        Files.createDirectories(dir.resolve("landing"));
        db = new Database("dcf", "jdbc:duckdb:" + dir.resolve("dcf.duckdb"), null, null, 2, null);
        db.migrate();
        dcf = ControlTables.on(db, DcfClock.utc(), Owner.current(), Duration.ofMinutes(2));
        // moves are done by the holder of the stream's lease
        dcf.jdbi().useHandle(h -> h.execute("INSERT INTO DCF_T_STRM_LOCK (STRM_ID) VALUES (1490)"));
        boolean held = dcf.jdbi().inTransaction(h -> dcf.lease().tryAcquire(h, 1490));
        assertThat(held).isTrue();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private FileMoves.Move plan(Path source) {
        return dcf.jdbi().inTransaction(h -> dcf.moves().plan(h, 1490, 7, "LOAD", source, dir.resolve("archive"),
                FileMoves.Destination.ARCHIVE));
    }

    private String status(FileMoves.Move m) {
        return dcf.jdbi().withHandle(h -> h.createQuery("SELECT MOVE_STATUS FROM DCF_T_FILE_MOVE WHERE MOVE_ID = :id")
                .bind("id", m.id()).mapTo(String.class).one());
    }

    @Test
    void a_planned_move_archives_the_file_and_writes_its_lineage() throws Exception {
        Path source = Files.writeString(dir.resolve("landing").resolve("A.txt"), "rows\n");
        FileMoves.Move m = plan(source);

        dcf.moves().execute(dcf.jdbi(), m, FACTS, dcf.lease());

        assertThat(source).doesNotExist();
        assertThat(m.target()).hasContent("rows");
        assertThat(status(m)).isEqualTo("DONE");
        String archived = dcf.jdbi().withHandle(h -> h.createQuery("SELECT ARCHIVE_PATH FROM DCF_T_DATA_LINEAGE").mapTo(String.class).one());
        assertThat(archived).isEqualTo(m.target().toString());
    }

    @Test
    void a_file_that_appears_at_the_planned_name_is_never_overwritten() throws Exception {
        Path source = Files.writeString(dir.resolve("landing").resolve("B.txt"), "ours\n");
        FileMoves.Move m = plan(source);
        Files.createDirectories(m.target().getParent());
        Files.writeString(m.target(), "somebody else's\n");

        assertThatThrownBy(() -> dcf.moves().execute(dcf.jdbi(), m, FACTS, dcf.lease()))
                .hasMessageContaining(m.target().toString()).hasMessageContaining("not overwritten");

        assertThat(m.target()).hasContent("somebody else's");
        assertThat(source).hasContent("ours");
        assertThat(status(m)).isEqualTo("PENDING");
    }

    @Test
    void a_copy_whose_source_was_not_yet_deleted_is_finished() throws Exception {
        Path source = Files.writeString(dir.resolve("landing").resolve("C.txt"), "copied\n");
        FileMoves.Move m = plan(source);
        Files.createDirectories(m.target().getParent());
        Files.copy(source, m.target());

        dcf.moves().execute(dcf.jdbi(), m, FACTS, dcf.lease());

        assertThat(source).doesNotExist();
        assertThat(m.target()).hasContent("copied");
        assertThat(status(m)).isEqualTo("DONE");
    }

    @Test
    void an_instance_that_lost_the_lease_moves_nothing() throws Exception {
        Path source = Files.writeString(dir.resolve("landing").resolve("D.txt"), "rows\n");
        FileMoves.Move m = plan(source);
        dcf.jdbi().useTransaction(h -> dcf.lease().forceRelease(h, 1490));
        StreamLease other = new StreamLease(Owner.current("elsewhere"), Duration.ofMinutes(2), db.kind());
        boolean taken = dcf.jdbi().inTransaction(h -> other.tryAcquire(h, 1490));
        assertThat(taken).isTrue();

        assertThatThrownBy(() -> dcf.moves().execute(dcf.jdbi(), m, FACTS, dcf.lease())).isInstanceOf(LeaseLostException.class);

        assertThat(source).hasContent("rows");
        assertThat(m.target()).doesNotExist();
        assertThat(status(m)).isEqualTo("PENDING");
    }
}
