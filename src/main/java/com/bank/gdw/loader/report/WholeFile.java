package com.bank.gdw.loader.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A report file written whole or not at all: into a temporary file beside it, then moved over it in one step, so a
 * reader never sees half of it. When the writing or the move fails (a full disk, a path taken by something else) the
 * temporary file is removed: nothing half-written stays in the reports directory.
 */
final class WholeFile {

    interface Content {
        void writeTo(Path file) throws IOException;
    }

    private WholeFile() {
    }

    static void write(Path file, Content content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + "-", ".tmp");
        try {
            content.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
