package com.bank.gdw.loader.dcf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.FileDigest;

/**
 * Every move of a unit's files (DataStage's pINPROCESS folder, MvLoadFiles, MvSrcFiles): the claim that takes them
 * from landing into {@code inprocess/<process id>/} before anything reads them, the archive or error move from there,
 * and the return to landing of the files of a unit that did not end. A move is written to DCF_T_FILE_MOVE before it
 * happens (the archive and error moves in the same transaction as the unit's outcome) and marked after; archived files
 * get their DCF_T_DATA_LINEAGE row then. A claim records the size and SHA-256 of the bytes it took, and every later
 * move of the file expects them: a source that no longer holds them is refused (REFUSED, a note, an exec log row) and
 * stays where it is. Every move of a file goes through {@link #execute}, but the return to landing of a unit broken
 * off by a DCF database outage ({@link #returnUnrecorded}). Recovery finishes moves a crash interrupted.
 */
public final class FileMoves {

    private static final Logger LOG = LoggerFactory.getLogger(FileMoves.class);

    /** Archived files are kept this many days (7 years) unless loader.retention.days says otherwise. */
    public static final int RETENTION_DAYS = 2555;

    /** What DCF_T_FILE_MOVE.MOVE_NOTE holds. */
    private static final int MOVE_NOTE_CHARS = 1000;

    /** Where a file goes: archive or error from inprocess, inprocess from landing (a claim), back to landing. */
    public enum Destination { ARCHIVE, ERROR, INPROCESS, LANDING }

    /**
     * What a move came to: DONE; MISSING (its file was not there); REFUSED (the source was not the recorded bytes);
     * VOID (not done and never to be: a claim the unit ended before doing, a return a newer file superseded).
     */
    public enum Status { PENDING, DONE, MISSING, REFUSED, VOID }

    /** A move written down: from where, to where, and the bytes it moves (null where nobody has read them yet). */
    public record Move(long id, int streamId, long processId, String role, Path source, Path target, Destination destination,
                       Long size, String sha256) {

        Move withBytes(long fileSize, String fileSha256) {
            return new Move(id, streamId, processId, role, source, target, destination, fileSize, fileSha256);
        }
    }

    /** Lineage facts of the unit a move belongs to. */
    public record LineageFacts(LocalDate businessDate, String targetTable, Long rowsWritten) { }

    /** A move refused because its source is not the bytes the unit claimed; the file stays where it is. */
    public static final class RefusedException extends IllegalStateException {
        RefusedException(String message) {
            super(message);
        }
    }

    private record Outcome(Move move, Status status, String note) { }

    private final DcfClock clock;
    private final DatabaseKind kind;
    private final int retentionDays;
    private final ExecLog log;
    private final Checkpoint checkpoint;

    /**
     * @param retentionDays days an archived file is kept: RETENTION_EXPIRY_DATE = archive date + this
     * @param checkpoint    passed mid-claim, between the claims of a unit's files
     */
    public FileMoves(DcfClock clock, DatabaseKind kind, int retentionDays, ExecLog log, Checkpoint checkpoint) {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("retention of archived files must not be negative: " + retentionDays + " days");
        }
        this.clock = clock;
        this.kind = kind;
        this.retentionDays = retentionDays;
        this.log = log;
        this.checkpoint = checkpoint;
    }

    /** Writes down a move of a file nobody claimed, choosing a target name that is free: an archive never overwrites. */
    public Move plan(Handle h, int streamId, long processId, String role, Path source, Path targetDir, Destination destination) {
        Path target = freeName(h, targetDir, source.getFileName().toString(), processId);
        return insert(h, new Move(0, streamId, processId, role, source, target, destination, null, null), null);
    }

    /** Writes down the next move of a claimed file: from where its claim put it, expecting the bytes the claim recorded. */
    public Move plan(Handle h, Move claim, Path targetDir, Destination destination) {
        Path target = freeName(h, targetDir, claim.target().getFileName().toString(), claim.processId());
        return insert(h, new Move(0, claim.streamId(), claim.processId(), claim.role(), claim.target(), target, destination,
                claim.size(), claim.sha256()), null);
    }

    private Move insert(Handle h, Move m, String note) {
        long id = Sequences.next(h, kind, Sequences.FILE_MOVE);
        h.createUpdate("INSERT INTO DCF_T_FILE_MOVE (MOVE_ID, STRM_ID, PRCS_INST_ID, FILE_ROLE, SOURCE_PATH, TARGET_PATH, "
                        + "DESTINATION, MOVE_STATUS, CREATED_TS, FILE_SIZE, FILE_SHA256, MOVE_NOTE) VALUES (:id, :stream, :process, "
                        + ":role, :source, :target, :destination, 'PENDING', :ts, :size, :sha, :note)")
                .bind("id", id).bind("stream", m.streamId()).bind("process", m.processId()).bind("role", m.role())
                .bind("source", m.source().toString()).bind("target", m.target().toString()).bind("destination", m.destination().name())
                .bind("ts", clock.now()).bindByType("size", m.size(), Long.class).bindByType("sha", m.sha256(), String.class)
                .bindByType("note", Texts.cut(note, MOVE_NOTE_CHARS), String.class).execute();
        return new Move(id, m.streamId(), m.processId(), m.role(), m.source(), m.target(), m.destination(), m.size(), m.sha256());
    }

    private Path freeName(Handle h, Path dir, String name, long processId) {
        Path candidate = dir.resolve(name);
        for (int n = 0; exists(h, candidate); n++) {
            candidate = dir.resolve(name + "." + processId + (n == 0 ? "" : "." + n));
        }
        return candidate;
    }

    private static boolean exists(Handle h, Path p) {
        return exists(p) || h.createQuery("SELECT COUNT(*) FROM DCF_T_FILE_MOVE WHERE TARGET_PATH = :p AND MOVE_STATUS = 'PENDING'")
                .bind("p", p.toString()).mapTo(Integer.class).one() > 0;
    }

    private static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Claims a unit's files before anything reads them: written down, each renamed atomically from landing into
     * {@code <inprocess>/<process id>/} (a directory no one else writes), and its size and SHA-256 recorded. A file
     * that a sender renames into landing under the same name afterwards is not the unit's: it waits for the next run.
     *
     * @param files the unit's files in landing by role (LOAD, TRIGGER), claimed in this order
     * @return the claims done, by role; a file gone from landing is left out (its claim is MISSING)
     */
    public Map<String, Move> claim(Jdbi jdbi, int streamId, long processId, Map<String, Path> files, Path inprocess,
                                   StreamLease lease) {
        Path dir = inprocess.resolve(String.valueOf(processId));
        List<Move> planned = jdbi.inTransaction(h -> {
            lease.fence(h, streamId);
            List<Move> moves = new ArrayList<>();
            files.forEach((role, file) -> moves.add(insert(h, new Move(0, streamId, processId, role, file,
                    dir.resolve(file.getFileName().toString()), Destination.INPROCESS, null, null), null)));
            return moves;
        });
        Map<String, Move> claimed = new LinkedHashMap<>();
        for (Move m : planned) {
            if (m != planned.get(0)) {
                checkpoint.reach("mid-claim");
            }
            Move done = execute(jdbi, m, null, lease);
            if (done != null) {
                claimed.put(m.role(), done);
            }
        }
        return claimed;
    }

    /**
     * Performs a planned move and records what it came to (with lineage for an archived file), in a transaction that
     * first confirms the stream's lease ({@link StreamLease#fence}): an instance that lost its lease moves nothing. A
     * move that is done but whose record did not commit is found done by recovery (its source gone, its target there).
     *
     * @return the move done (a claim with the size and SHA-256 it took), or null when its file was missing
     * @throws RefusedException when the source is not the recorded bytes (recorded REFUSED; the file stays)
     * @throws LeaseLostException when the lease is another instance's now (nothing moved, nothing recorded)
     */
    public Move execute(Jdbi jdbi, Move m, LineageFacts lineage, StreamLease lease) {
        Outcome o = jdbi.inTransaction(h -> {
            lease.fence(h, m.streamId());
            Outcome done = transfer(m);
            complete(h, done, lineage);
            return done;
        });
        if (o.status() == Status.REFUSED) {
            throw new RefusedException(o.note());
        }
        if (o.status() == Status.DONE && m.destination() != Destination.INPROCESS && m.size() != null) {
            removeIfEmpty(m.source().getParent());
        }
        return o.status() == Status.DONE ? o.move() : null;
    }

    /** A unit's inprocess directory goes with its last file. */
    private static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty yet (DirectoryNotEmptyException), or not ours to remove
        }
    }

    /**
     * Moves the file without ever replacing one (FileTransfer: created new, durable). A target already there is the
     * end of an interrupted move only when it holds the same bytes as the source (then the source goes); anything
     * else there was put by somebody else and stays, and the move fails with a message naming both files.
     */
    private Outcome transfer(Move m) {
        Path source = m.source();
        Path target = m.target();
        try {
            if (!exists(source)) {
                if (!exists(target)) {
                    return new Outcome(m, Status.MISSING, "neither " + source + " nor " + target + " is there");
                }
                String differs = differs(m, target);
                return differs == null ? new Outcome(m, Status.DONE, null)
                        : new Outcome(m, Status.MISSING, source + " is gone and " + target + " " + differs);
            }
            String differs = differs(m, source);
            if (differs != null) {
                return new Outcome(m, Status.REFUSED, "refused: " + source + " " + differs + "; it stays where it is");
            }
            if (m.destination() == Destination.INPROCESS) {
                if (exists(target)) {
                    // the unit's directory is new to this process instance: what is there was left by someone else
                    return new Outcome(m, Status.REFUSED, "refused: " + target + " is there already, not put there by process instance "
                            + m.processId() + "; " + source + " stays where it is");
                }
                FileTransfer.rename(source, target);
                return new Outcome(m.withBytes(Files.size(target), sha256IfReadable(target)), Status.DONE, null);
            }
            if (exists(target)) {
                if (Files.mismatch(source, target) == -1L) {
                    Files.delete(source);
                    return new Outcome(m, Status.DONE, null);
                }
                throw taken(m);
            }
            try {
                FileTransfer.moveToNew(source, target);
            } catch (FileAlreadyExistsException e) {
                throw taken(m);
            }
            return new Outcome(m, Status.DONE, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static IllegalStateException taken(Move m) {
        return new IllegalStateException("cannot move " + m.source() + ": " + m.target() + " appeared meanwhile with other content; "
                + "it is not overwritten");
    }

    /** The SHA-256 of a claimed file, or null when the loader may not read it (the load then fails on it, naming it). */
    private static String sha256IfReadable(Path file) throws IOException {
        try {
            return FileDigest.sha256(file);
        } catch (AccessDeniedException e) {
            return null;
        }
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.mismatch(a, b) == -1L;
        } catch (IOException e) {
            return false;
        }
    }

    /** Why the file is not the bytes the move expects, or null when it is (or nothing was recorded). */
    private static String differs(Move m, Path file) throws IOException {
        if (m.size() == null) {
            return null;
        }
        long size = Files.size(file);
        if (size != m.size()) {
            return "holds " + size + " bytes, not the " + m.size() + " bytes recorded when process instance " + m.processId()
                    + " claimed it";
        }
        if (m.sha256() != null && !m.sha256().equals(FileDigest.sha256(file))) {
            return "does not hold the bytes recorded when process instance " + m.processId() + " claimed it (SHA-256 differs)";
        }
        return null;
    }

    private void complete(Handle h, Outcome o, LineageFacts lineage) {
        Move m = o.move();
        LocalDateTime now = clock.now();
        int recorded = h.createUpdate("UPDATE DCF_T_FILE_MOVE SET MOVE_STATUS = :status, DONE_TS = :ts"
                        + (m.size() != null ? ", FILE_SIZE = :size, FILE_SHA256 = :sha" : "")
                        + (o.note() != null ? ", MOVE_NOTE = :note" : "") + " WHERE MOVE_ID = :id AND MOVE_STATUS = 'PENDING'")
                .bind("status", o.status().name()).bind("ts", now).bind("id", m.id())
                .bindByType("size", m.size(), Long.class).bindByType("sha", m.sha256(), String.class)
                .bindByType("note", Texts.cut(o.note(), MOVE_NOTE_CHARS), String.class).execute();
        if (recorded == 0) {
            // recorded before: a move's outcome and its lineage are recorded once
            return;
        }
        if (o.status() == Status.REFUSED || o.status() == Status.MISSING) {
            report(h, m, ExecLog.Level.ERROR, m.role() + " file of process instance " + m.processId() + " not moved to "
                    + m.destination() + ": " + o.note());
        }
        if (o.status() == Status.DONE && m.destination() == Destination.ARCHIVE) {
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

    /** An exec log row about a file of the stream (and the loader's log). */
    private void report(Handle h, Move m, ExecLog.Level level, String text) {
        if (level == ExecLog.Level.ERROR) {
            LOG.error("{}", text);
        } else {
            LOG.warn("{}", text);
        }
        String streamName = h.createQuery("SELECT STRM_NAME FROM DCF_T_STRM WHERE STRM_ID = :id").bind("id", m.streamId())
                .mapTo(String.class).findOne().orElse(String.valueOf(m.streamId()));
        log.write(h, ExecLog.Entry.stream(m.streamId(), streamName, null, level, text, m.source().getFileName().toString()));
    }

    /**
     * Returns a claimed file to landing, for the next run (its unit ended without an outcome: abandoned, or broken off
     * by the infrastructure): under its own name unless a newer file of that name arrived meanwhile; then the newer one
     * wins and ours goes to the error directory with a note {@code superseded: ...}.
     */
    public void returnToLanding(Jdbi jdbi, Move claim, Path errorDir, StreamLease lease) {
        Path back = claim.source();
        Move m = jdbi.inTransaction(h -> {
            lease.fence(h, claim.streamId());
            return insert(h, new Move(0, claim.streamId(), claim.processId(), claim.role(), claim.target(), back,
                    Destination.LANDING, claim.size(), claim.sha256()), null);
        });
        finishReturn(jdbi, m, errorDir, lease);
    }

    /**
     * Puts a claimed file back in landing without writing it down, for when the DCF database cannot be reached (an
     * infrastructure failure): never over a newer file of its name (then it stays in inprocess). Recovery records the
     * return later, finding the file in landing with the claimed bytes, or returns it then.
     *
     * @return true when the file is back in landing
     */
    public boolean returnUnrecorded(Move claim) {
        try {
            FileTransfer.moveToNew(claim.target(), claim.source());
            removeIfEmpty(claim.target().getParent());
            return true;
        } catch (IOException e) {
            LOG.error("{} stays in {} ({}); recovery returns it", claim.target().getFileName(), claim.target().getParent(), e.getMessage());
            return false;
        }
    }

    /** Does a written-down return to landing, or sends the file to error when a newer one holds its name there. */
    public void finishReturn(Jdbi jdbi, Move back, Path errorDir, StreamLease lease) {
        if (!exists(back.target()) || !exists(back.source()) || sameBytes(back.source(), back.target())) {
            try {
                execute(jdbi, back, null, lease);
                return;
            } catch (RefusedException | LeaseLostException e) {
                throw e;
            } catch (IllegalStateException e) {
                // a newer file took the name between the check and the move: it stays, ours goes to error
            }
        }
        String note = "superseded: a newer " + back.target().getFileName() + " arrived in " + back.target().getParent()
                + " while process instance " + back.processId() + " held this one; the newer one is for the next run";
        Move toError = jdbi.inTransaction(h -> {
            lease.fence(h, back.streamId());
            complete(h, new Outcome(back, Status.VOID, note), null);
            Move e = insert(h, new Move(0, back.streamId(), back.processId(), back.role(), back.source(),
                    freeName(h, errorDir, back.source().getFileName().toString(), back.processId()), Destination.ERROR,
                    back.size(), back.sha256()), note);
            report(h, e, ExecLog.Level.WARN, e.source().getFileName() + ": " + note + "; this one goes to " + e.target());
            return e;
        });
        execute(jdbi, toError, null, lease);
    }

    /**
     * Settles a claim a crash interrupted (written down, perhaps renamed, not recorded): DONE with the bytes it took
     * when the file is in inprocess, else VOID (the file never left landing).
     */
    public Move settleClaim(Jdbi jdbi, Move claim, StreamLease lease) {
        try {
            Outcome o = exists(claim.target())
                    ? new Outcome(claim.withBytes(Files.size(claim.target()), sha256IfReadable(claim.target())), Status.DONE, null)
                    : new Outcome(claim, Status.VOID, "not done: the unit ended before it claimed the file");
            jdbi.useTransaction(h -> {
                lease.fence(h, claim.streamId());
                complete(h, o, null);
            });
            return o.status() == Status.DONE ? o.move() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the claimed file " + claim.target() + ": " + e.getMessage(), e);
        }
    }

    private static final String COLUMNS = "SELECT MOVE_ID, STRM_ID, PRCS_INST_ID, FILE_ROLE, SOURCE_PATH, TARGET_PATH, DESTINATION, "
            + "FILE_SIZE, FILE_SHA256 FROM DCF_T_FILE_MOVE ";

    /** Moves of the stream still PENDING: a crash came between writing them down and doing them. */
    public List<Move> pending(Handle h, int streamId) {
        return list(h, COLUMNS + "WHERE STRM_ID = :stream AND MOVE_STATUS = 'PENDING' ORDER BY MOVE_ID", streamId);
    }

    /**
     * Claims done whose file nothing has moved on from (no later move of it, other than a void one) and whose unit is
     * not RUNNING: the files of units that ended without an outcome, still in inprocess.
     */
    public List<Move> openClaims(Handle h, int streamId) {
        return list(h, COLUMNS + "c WHERE c.STRM_ID = :stream AND " + OPEN_CLAIM + " ORDER BY c.MOVE_ID", streamId);
    }

    /** A claim {@code c} done whose file no later move took on (a void one aside) and whose unit is not RUNNING. */
    private static final String OPEN_CLAIM = "c.DESTINATION = 'INPROCESS' AND c.MOVE_STATUS = 'DONE' "
            + "AND NOT EXISTS (SELECT 1 FROM DCF_T_FILE_MOVE n WHERE n.SOURCE_PATH = c.TARGET_PATH AND n.MOVE_ID > c.MOVE_ID "
            + "AND n.MOVE_STATUS <> 'VOID') "
            + "AND NOT EXISTS (SELECT 1 FROM DCF_T_PRCS_INST p WHERE p.PRCS_INST_ID = c.PRCS_INST_ID AND p.PRCS_STATUS = 'RUNNING')";

    /**
     * Whether {@link #pending} or {@link #openClaims} would find anything: asked before every sweep, so each of its two
     * questions reads one row at most (a PENDING move through the index on STRM_ID, MOVE_STATUS) and maps no move.
     */
    public boolean anyPendingOrOpenClaim(Handle h, int streamId) {
        return any(h, "SELECT 1 FROM DCF_T_FILE_MOVE WHERE STRM_ID = :stream AND MOVE_STATUS = 'PENDING' LIMIT 1", streamId)
                || any(h, "SELECT 1 FROM DCF_T_FILE_MOVE c WHERE c.STRM_ID = :stream AND " + OPEN_CLAIM + " LIMIT 1", streamId);
    }

    private static boolean any(Handle h, String sql, int streamId) {
        return h.createQuery(sql).bind("stream", streamId).mapTo(Integer.class).findFirst().isPresent();
    }

    private static List<Move> list(Handle h, String sql, int streamId) {
        return new ArrayList<>(h.createQuery(sql).bind("stream", streamId)
                .map((rs, ctx) -> new Move(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), Path.of(rs.getString(5)),
                        Path.of(rs.getString(6)), Destination.valueOf(rs.getString(7)), StreamLease.nullableLong(rs, 8),
                        rs.getString(9)))
                .list());
    }

    /** Where the process's load file lies now: the target of its latest move done (archive, error or inprocess). */
    public static Optional<Path> loadFileOf(Handle h, long processId) {
        return h.createQuery("SELECT TARGET_PATH FROM DCF_T_FILE_MOVE WHERE PRCS_INST_ID = :process AND FILE_ROLE = 'LOAD' "
                        + "AND MOVE_STATUS = 'DONE' ORDER BY MOVE_ID DESC LIMIT 1")
                .bind("process", processId).mapTo(String.class).findFirst().map(Path::of);
    }

    /** Lineage facts of the process a move belongs to, read back for recovery. */
    public LineageFacts factsOf(Handle h, long processId, String targetTable) {
        return h.createQuery("SELECT PRCS_BUS_DT, ROWS_WRITTEN FROM DCF_T_PRCS_INST WHERE PRCS_INST_ID = :id")
                .bind("id", processId)
                .map((rs, ctx) -> new LineageFacts(rs.getDate(1).toLocalDate(), targetTable, StreamLease.nullableLong(rs, 2)))
                .one();
    }

    /** The file a claim could not take: it left landing before the unit claimed it. */
    public static NoSuchFileException gone(Path file) {
        return new NoSuchFileException(file.toString(), null, "gone from landing before the unit claimed it");
    }
}
