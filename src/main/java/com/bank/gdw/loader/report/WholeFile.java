package com.bank.gdw.loader.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * A report file written whole or not at all: into a temporary file beside it, then moved over it in one step, so a
 * reader never sees half of it. When the writing or the move fails (a full disk, a path taken by something else) the
 * temporary file is removed: nothing half-written stays in the reports directory.
 */
final class WholeFile {

    interface Content {
        void writeTo(Path file) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private WholeFile() {
    }

    static void write(Path file, Content content) throws IOException {
        Files.createDirectories(file.getParent());
        // made as any new file of the loader's user (its umask): Files.createTempFile would make it owner-only, and a
        // transfer agent or a support engineer reads reports
        Path tmp = file.resolveSibling("." + file.getFileName() + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        Files.createFile(tmp);
        try {
            content.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
