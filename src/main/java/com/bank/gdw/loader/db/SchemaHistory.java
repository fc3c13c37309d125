package com.bank.gdw.loader.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The DCF schema as its history table records it, against the migrations this build carries: the database's version
 * and the build's, what is pending, and the tables the applied migrations made. Read only: Flyway's {@code info()}.
 */
public final class SchemaHistory {

    /** Flyway's history table of the DCF schema. */
    public static final String TABLE = "DCF_SCHEMA_HISTORY";

    private static final Pattern CREATE_TABLE = Pattern.compile("(?im)^\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");

    private final Database db;
    private final MigrationInfo[] migrations;

    private SchemaHistory(Database db, MigrationInfo[] migrations) {
        this.db = db;
        this.migrations = migrations;
    }

    public static SchemaHistory read(Database db) {
        return new SchemaHistory(db, db.flyway().info().all());
    }

    /** The latest version applied to the database; null when none is (no history table yet). */
    public MigrationVersion databaseVersion() {
        return Arrays.stream(migrations).filter(m -> m.getState().isApplied() && m.getVersion() != null)
                .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).orElse(null);
    }

    /** The latest version of the migrations this build carries. */
    public MigrationVersion buildVersion() {
        return Arrays.stream(migrations).filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
    }

    /** A newer loader migrated the schema past what this build knows. */
    public boolean isNewerThanBuild() {
        MigrationVersion applied = databaseVersion();
        return applied != null && applied.compareTo(buildVersion()) > 0;
    }

    /** Why a command refuses a newer schema, in one line naming both versions. */
    public String newerThanBuild() {
        return "the DCF tables of " + db.describe() + " are at schema version " + databaseVersion() + ", newer than this build's "
                + buildVersion() + " (a newer loader migrated them): run that loader's release, or point this one at a database of its own";
    }

    /** The migrations this build would apply, as "version description". */
    public List<String> pending() {
        return Arrays.stream(migrations).filter(m -> m.getState() == MigrationState.PENDING)
                .map(m -> m.getVersion() + " " + m.getDescription()).toList();
    }

    /** The tables the applied migrations of this build created that do not answer a query, as "TABLE of migration N". */
    public List<String> missingTables() {
        List<String> missing = new ArrayList<>();
        try (Connection c = db.connect()) {
            for (MigrationInfo m : migrations) {
                if (!m.getState().isApplied() || !m.getState().isResolved() || m.getScript() == null) {
                    continue;
                }
                Matcher created = CREATE_TABLE.matcher(script(m.getScript()));
                while (created.find()) {
                    if (!answers(c, created.group(1))) {
                        missing.add(created.group(1) + " of migration " + m.getVersion());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return missing;
    }

    private String script(String name) {
        String path = db.kind().migrationLocation().substring("classpath:".length()) + "/" + name;
        try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean answers(Connection c, String table) {
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
