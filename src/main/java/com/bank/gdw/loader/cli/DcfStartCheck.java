package com.bank.gdw.loader.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.db.SchemaHistory;

/**
 * What {@code serve}, {@code run}, {@code replay} and {@code release-lock} check of the DCF database before their
 * Camel starts, opening it read-only for a moment: that no running serve holds the embedded file (exit 4, {@link
 * DatabaseFileHeldException}), and that its schema is not newer than the migrations this build carries (exit 2: a
 * newer loader migrated it, and this one would run against tables it does not know). A database that does not answer
 * is left to the command's own open, which reports it (the container starts and waits for it).
 */
final class DcfStartCheck {

    private static final String DUCKDB = "jdbc:duckdb:";

    private DcfStartCheck() {
    }

    static void require(LoaderProperties props) {
        String url = props.get("loader.db.url", "");
        if (url.isBlank()) {
            url = DUCKDB + Path.of(props.get("loader.dir.db", "data/db")).resolve("loader.duckdb").toAbsolutePath();
        }
        if (DatabaseKind.of(url) == DatabaseKind.DUCKDB && !Files.isRegularFile(Path.of(url.substring(DUCKDB.length())))) {
            return; // not created yet: the command creates it with every migration
        }
        Database db;
        try {
            db = Database.forReading("dcf", url, props.get("loader.db.user", ""), props.get("loader.db.password", ""));
        } catch (RuntimeException e) {
            DatabaseFileHeldException.throwIfHeld(url, e);
            return;
        }
        try (db) {
            SchemaHistory history;
            try {
                history = SchemaHistory.read(db);
            } catch (RuntimeException e) {
                return; // the database went away, or its history cannot be read: the command's own start says so
            }
            if (history.isNewerThanBuild()) {
                throw new ConfigurationException(history.newerThanBuild(), null);
            }
        }
    }
}
