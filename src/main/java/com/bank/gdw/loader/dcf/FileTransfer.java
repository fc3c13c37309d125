package com.bank.gdw.loader.dcf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Moves one file to a name that must not exist yet, durably: the target is created new (a hard link, which fails
 * when the name is taken, then the source unlinked), never by a check-then-rename that a racing writer could slip
 * between (unless no link can be made); across file systems the bytes are copied to {@code <target>.part} first and
 * linked into place from there.
 * The file's data and both directories are fsynced, so a power loss leaves the file in one place or, at worst, in
 * both (which recovery settles), never in neither.
 */
public final class FileTransfer {

    private FileTransfer() {
    }

    /**
     * Moves {@code source} to {@code target}, which must not exist.
     *
     * @throws FileAlreadyExistsException when something is at {@code target}; it is left as it is, and so is the source
     */
    public static void moveToNew(Path source, Path target) throws IOException {
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            // not the target: a file where its directory (or one above) should be
            throw new NotDirectoryException(e.getFile() + " is not a directory");
        }
        if (!link(source, target) && !renameWithoutLink(source, target)) {
            Path part = target.resolveSibling(target.getFileName() + ".part");
            // a .part of this target can only be left over from an interrupted copy of ours
            Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
            syncFile(part);
            try {
                if (!link(part, target) && !renameWithoutLink(part, target)) {
                    throw new IOException("cannot move " + part + " into place at " + target);
                }
            } finally {
                Files.deleteIfExists(part);
            }
        }
        syncFile(target);
        syncDirectory(dir);
        Files.deleteIfExists(source);
        syncDirectory(source.getParent());
    }

    /**
     * Where no hard link can be made but both names are on one file system (no links on this file system, or the
     * kernel's protected_hardlinks refuses a file another user owns and we cannot read): a rename after a check, the
     * only place a racing writer could still be overwritten. False across file systems.
     */
    private static boolean renameWithoutLink(Path source, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), source.toString(), "the target exists");
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            return false;
        }
    }

    /**
     * Renames {@code source} into {@code target} atomically (same file system; the target's directory is one no other
     * writer uses, such as a unit's own in-process directory), then syncs both directories. A file already at the
     * target is not replaced (a rename would, silently): checked first, which suffices where no one else writes.
     *
     * @throws FileAlreadyExistsException when something is at {@code target}; it is left as it is, and so is the source
     */
    public static void rename(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), source.toString(), "the target exists");
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        syncFile(target);
        syncDirectory(target.getParent());
        syncDirectory(source.getParent());
    }

    /** A hard link at {@code target}; false when the file system cannot link there (another file system, no links). */
    private static boolean link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
            return true;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | AtomicMoveNotSupportedException e) {
            return false;
        } catch (FileSystemException e) {
            // EXDEV (another file system), EPERM or EMLINK (no hard links here): copy instead; anything else is real
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            return false;
        }
    }

    /** Makes a file's data durable; a file we may not read (moved on behalf of its owner) we cannot sync. */
    private static void syncFile(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            c.force(true);
        } catch (AccessDeniedException e) {
            // its data was written by its owner; the directory entries are still synced
        }
    }

    /** Makes a directory's entries durable; a platform that cannot open a directory (Windows) has nothing to sync. */
    private static void syncDirectory(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // not supported for directories here
        }
    }
}
