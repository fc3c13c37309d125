package com.bank.gdw.loader.dcf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import com.bank.gdw.loader.db.DatabaseKind;

/**
 * Moves of a unit's files to the archive or the error directory (DataStage MvLoadFiles / MvSrcFiles). A move is
 * written to DCF_T_FILE_MOVE before it happens, in the same transaction as the unit's outcome, and marked done
 * after; archived files get their DCF_T_DATA_LINEAGE row then. Recovery finishes moves a crash interrupted.
 */
public final class FileMoves {

    /** Archived files are kept this many days (7 years) unless loader.retention.days says otherwise. */
    public static final int RETENTION_DAYS = 2555;

    /** Where a file goes. */
    public enum Destination { ARCHIVE, ERROR }

    /** A move written down and not yet known to be done. */
    public record Move(long id, int streamId, long processId, String role, Path source, Path target, Destination destination) { }

    /** Lineage facts of the unit a move belongs to. */
    public record LineageFacts(LocalDate businessDate, String targetTable, Long rowsWritten) { }

    private final DcfClock clock;
    private final DatabaseKind kind;
    private final int retentionDays;

    /** @param retentionDays days an archived file is kept: RETENTION_EXPIRY_DATE = archive date + this */
    public FileMoves(DcfClock clock, DatabaseKind kind, int retentionDays) {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("retention of archived files must not be negative: " + retentionDays + " days");
        }
        this.clock = clock;
        this.kind = kind;
        this.retentionDays = retentionDays;
    }

    /** Writes a move down, choosing a target name that is free: an archive never overwrites. */
    public Move plan(Handle h, int streamId, long processId, String role, Path source, Path targetDir, Destination destination) {
        Path target = freeName(h, targetDir, source.getFileName().toString(), processId);
        long id = Sequences.next(h, kind, Sequences.FILE_MOVE);
        h.createUpdate("INSERT INTO DCF_T_FILE_MOVE (MOVE_ID, STRM_ID, PRCS_INST_ID, FILE_ROLE, SOURCE_PATH, TARGET_PATH, "
                        + "DESTINATION, MOVE_STATUS, CREATED_TS) VALUES (:id, :stream, :process, :role, :source, :target, "
                        + ":destination, 'PENDING', :ts)")
                .bind("id", id).bind("stream", streamId).bind("process", processId).bind("role", role)
                .bind("source", source.toString()).bind("target", target.toString()).bind("destination", destination.name())
                .bind("ts", clock.now()).execute();
        return new Move(id, streamId, processId, role, source, target, destination);
    }

    private Path freeName(Handle h, Path dir, String name, long processId) {
        Path candidate = dir.resolve(name);
        for (int n = 0; exists(h, candidate); n++) {
            candidate = dir.resolve(name + "." + processId + (n == 0 ? "" : "." + n));
        }
        return candidate;
    }

    private static boolean exists(Handle h, Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                || h.createQuery("SELECT COUNT(*) FROM DCF_T_FILE_MOVE WHERE TARGET_PATH = :p AND MOVE_STATUS = 'PENDING'")
                .bind("p", p.toString()).mapTo(Integer.class).one() > 0;
    }

    /**
     * Performs a planned move and records it (with lineage for an archived file), in a transaction that first confirms
     * the stream's lease ({@link StreamLease#fence}): an instance that lost its lease moves nothing. A move that is
     * done but whose record did not commit is found done by recovery (its source gone, its target there).
     */
    public void execute(Jdbi jdbi, Move m, LineageFacts lineage, StreamLease lease) {
        jdbi.useTransaction(h -> {
            lease.fence(h, m.streamId());
            boolean moved = moveFile(m);
            complete(h, m, moved, lineage);
        });
    }

    /**
     * Moves the file without ever replacing one: a rename where source and target share a file system, else a copy to
     * {@code <target>.part} renamed into place, then the source deleted. A target that is already there is the end of an
     * interrupted move only when it holds the same bytes as the source (then the source goes); anything else there was
     * put by somebody else and stays, and the move fails with a message naming both files.
     */
    private boolean moveFile(Move m) {
        Path source = m.source();
        Path target = m.target();
        try {
            Files.createDirectories(target.getParent());
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                return Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.mismatch(source, target) == -1L) {
                    Files.delete(source);
                    return true;
                }
                throw new IllegalStateException("cannot move " + source + ": " + target + " appeared meanwhile with other content; "
                        + "it is not overwritten");
            }
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Path part = target.resolveSibling(target.getFileName() + ".part");
                Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(part);
                    throw new IllegalStateException("cannot move " + source + ": " + target + " appeared meanwhile; it is not overwritten");
                }
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                Files.delete(source);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private void complete(Handle h, Move m, boolean moved, LineageFacts lineage) {
        LocalDateTime now = clock.now();
        int recorded = h.createUpdate("UPDATE DCF_T_FILE_MOVE SET MOVE_STATUS = :status, DONE_TS = :ts "
                        + "WHERE MOVE_ID = :id AND MOVE_STATUS = 'PENDING'")
                .bind("status", moved ? "DONE" : "MISSING").bind("ts", now).bind("id", m.id()).execute();
        if (recorded == 1 && moved && m.destination() == Destination.ARCHIVE) {
            h.createUpdate("INSERT INTO DCF_T_DATA_LINEAGE (LINEAGE_ID, STRM_ID, PRCS_INST_ID, PRCS_DATE, SOURCE_FILE, FILE_ROLE, "
                            + "TARGET_TABLE, ROWS_WRITTEN, ARCHIVE_PATH, ARCHIVE_STATUS, ARCHIVE_TS, RETENTION_EXPIRY_DATE, "
                            + "LIFECYCLE_STAGE) VALUES (:id, :stream, :process, :date, :source, :role, :table, :rows, :path, "
                            + "'ARCHIVED', :ts, :expiry, 'ARCHIVED')")
                    .bind("id", Sequences.next(h, kind, Sequences.LINEAGE)).bind("stream", m.streamId())
                    .bind("process", m.processId()).bind("date", lineage.businessDate())
                    .bind("source", m.source().getFileName().toString()).bind("role", m.role())
                    .bind("table", lineage.targetTable()).bind("rows", lineage.rowsWritten())
                    .bind("path", m.target().toString()).bind("ts", now)
                    .bind("expiry", now.toLocalDate().plusDays(retentionDays)).execute();
        }
    }

    /** Moves of the stream still PENDING: a crash came between writing them down and doing them. */
    public List<Move> pending(Handle h, int streamId) {
        return new ArrayList<>(h.createQuery("SELECT MOVE_ID, STRM_ID, PRCS_INST_ID, FILE_ROLE, SOURCE_PATH, TARGET_PATH, DESTINATION "
                        + "FROM DCF_T_FILE_MOVE WHERE STRM_ID = :stream AND MOVE_STATUS = 'PENDING' ORDER BY MOVE_ID")
                .bind("stream", streamId)
                .map((rs, ctx) -> new Move(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), Path.of(rs.getString(5)),
                        Path.of(rs.getString(6)), Destination.valueOf(rs.getString(7))))
                .list());
    }

    /** Lineage facts of the process a move belongs to, read back for recovery. */
    public LineageFacts factsOf(Handle h, long processId, String targetTable) {
        return h.createQuery("SELECT PRCS_BUS_DT, ROWS_WRITTEN FROM DCF_T_PRCS_INST WHERE PRCS_INST_ID = :id")
                .bind("id", processId)
                .map((rs, ctx) -> new LineageFacts(rs.getDate(1).toLocalDate(), targetTable, StreamLease.nullableLong(rs, 2)))
                .one();
    }
}
