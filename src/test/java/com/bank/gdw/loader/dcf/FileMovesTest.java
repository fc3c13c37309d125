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

    private FileMoves.Move claim(Path source) {
        return dcf.moves().claim(dcf.jdbi(), 1490, 7, java.util.Map.of("LOAD", source), dir.resolve("inprocess"), dcf.lease()).get("LOAD");
    }

    private <T> T one(String sql, Class<T> type) {
        return dcf.jdbi().withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    private String note(long moveId) {
        return dcf.jdbi().withHandle(h -> h.createQuery("SELECT MOVE_NOTE FROM DCF_T_FILE_MOVE WHERE MOVE_ID = :id")
                .bind("id", moveId).mapTo(String.class).one());
    }

    @Test
    void a_claim_renames_the_file_into_the_units_inprocess_directory_and_records_its_bytes() throws Exception {
        Path source = Files.writeString(dir.resolve("landing").resolve("E.txt"), "claimed\n");

        FileMoves.Move c = claim(source);

        assertThat(source).doesNotExist();
        assertThat(c.target()).isEqualTo(dir.resolve("inprocess/7/E.txt")).hasContent("claimed");
        assertThat(status(c)).isEqualTo("DONE");
        assertThat(c.size()).isEqualTo(8L);
        assertThat(one("SELECT FILE_SHA256 FROM DCF_T_FILE_MOVE WHERE MOVE_ID = " + c.id(), String.class))
                .isEqualTo(com.bank.gdw.loader.feed.FileDigest.sha256(c.target()));
    }

    /**
     * A file already at the claim's name in the unit's inprocess directory was not put there by this process
     * instance (left by an installation whose DCF database was set up afresh, so its process ids come again): the
     * claim refuses, and neither that file nor the one in landing is touched.
     */
    @Test
    void a_claim_never_replaces_a_file_left_in_the_units_inprocess_directory() throws Exception {
        Path leftover = Files.writeString(Files.createDirectories(dir.resolve("inprocess/7")).resolve("L.txt"), "left by an earlier installation\n");
        Path source = Files.writeString(dir.resolve("landing").resolve("L.txt"), "the new unit\n");

        assertThatThrownBy(() -> claim(source)).isInstanceOf(FileMoves.RefusedException.class)
                .hasMessage("refused: " + leftover + " is there already, not put there by process instance 7; " + source
                        + " stays where it is");

        assertThat(leftover).hasContent("left by an earlier installation");
        assertThat(source).hasContent("the new unit");
        assertThat(one("SELECT MOVE_STATUS FROM DCF_T_FILE_MOVE WHERE SOURCE_PATH = '" + source + "'", String.class)).isEqualTo("REFUSED");
    }

    @Test
    void a_move_whose_source_is_not_the_claimed_bytes_is_refused_and_reported_and_the_file_stays() throws Exception {
        Path source = Files.writeString(dir.resolve("landing").resolve("F.txt"), "claimed\n");
        FileMoves.Move c = claim(source);
        FileMoves.Move archive = dcf.jdbi().inTransaction(h -> dcf.moves().plan(h, c, dir.resolve("archive"), FileMoves.Destination.ARCHIVE));
        Files.writeString(c.target(), "changed\n");

        assertThatThrownBy(() -> dcf.moves().execute(dcf.jdbi(), archive, FACTS, dcf.lease()))
                .isInstanceOf(FileMoves.RefusedException.class).hasMessageContaining("SHA-256");

        assertThat(c.target()).hasContent("changed");
        assertThat(archive.target()).doesNotExist();
        assertThat(status(archive)).isEqualTo("REFUSED");
        assertThat(note(archive.id())).startsWith("refused: " + c.target());
        assertThat(one("SELECT COUNT(*) FROM DCF_T_PRCS_EXEC_LOG WHERE MESSAGE_TYPE = 'ERROR' AND MESSAGE_TEXT LIKE '%refused%'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void a_claimed_file_returns_to_landing_unless_a_newer_one_took_its_name_then_it_goes_to_error_as_superseded() throws Exception {
        Path first = Files.writeString(dir.resolve("landing").resolve("G.txt"), "first\n");
        FileMoves.Move c = claim(first);
        dcf.moves().returnToLanding(dcf.jdbi(), c, dir.resolve("error"), dcf.lease());
        assertThat(first).hasContent("first");
        assertThat(c.target()).doesNotExist();

        FileMoves.Move again = dcf.moves().claim(dcf.jdbi(), 1490, 8, java.util.Map.of("LOAD", first), dir.resolve("inprocess"), dcf.lease()).get("LOAD");
        Files.writeString(dir.resolve("landing").resolve("G.txt"), "newer\n");
        dcf.moves().returnToLanding(dcf.jdbi(), again, dir.resolve("error"), dcf.lease());

        assertThat(dir.resolve("landing").resolve("G.txt")).hasContent("newer");
        assertThat(dir.resolve("error").resolve("G.txt")).hasContent("first");
        assertThat(again.target()).doesNotExist();
        assertThat(one("SELECT MOVE_NOTE FROM DCF_T_FILE_MOVE WHERE DESTINATION = 'ERROR'", String.class)).startsWith("superseded: ");
    }

    /** What Recovery.hasWork asks before every sweep: one row at most, true exactly when pending() or openClaims() has one. */
    @Test
    void any_pending_or_open_claim_is_true_while_a_move_is_pending_or_a_claimed_file_waits_in_inprocess() throws Exception {
        assertThat(anyWork()).as("nothing written down").isFalse();

        FileMoves.Move archive = plan(Files.writeString(dir.resolve("landing").resolve("H.txt"), "rows\n"));
        assertThat(anyWork()).as("a move written down, not done").isTrue();
        dcf.moves().execute(dcf.jdbi(), archive, FACTS, dcf.lease());
        assertThat(anyWork()).as("the move done").isFalse();

        FileMoves.Move c = claim(Files.writeString(dir.resolve("landing").resolve("I.txt"), "claimed\n"));
        assertThat(anyWork()).as("a claimed file no move took on, its unit not RUNNING").isTrue();
        FileMoves.Move on = dcf.jdbi().inTransaction(h -> dcf.moves().plan(h, c, dir.resolve("archive"), FileMoves.Destination.ARCHIVE));
        dcf.moves().execute(dcf.jdbi(), on, FACTS, dcf.lease());
        assertThat(anyWork()).as("the claimed file archived").isFalse();
        int listed = dcf.jdbi().withHandle(h -> dcf.moves().pending(h, 1490).size() + dcf.moves().openClaims(h, 1490).size());
        assertThat(listed).isZero();
    }

    private boolean anyWork() {
        return dcf.jdbi().withHandle(h -> dcf.moves().anyPendingOrOpenClaim(h, 1490));
    }
}
