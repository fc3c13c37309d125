package com.bank.gdw.loader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.load.TargetColumns;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Refuses a start (exit code 2) before Camel when an existing target table has other columns than its stream
 * definition names ({@link TargetColumns}): the load would fail late, or lose data, after a run had been opened. A
 * database that does not answer, or an embedded file not made yet, is left to the start itself (serve waits for it;
 * the set-up checks again once it answers).
 */
final class TargetTableCheck {

    private static final String DUCKDB = "jdbc:duckdb:";

    private TargetTableCheck() {
    }

    /** Throws a one-line ConfigurationException naming every mismatching table and its columns. */
    static void require(LoaderProperties props) {
        List<String> problems = problems(props, props.streams().all());
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems), null);
        }
    }

    /** One line per target table whose columns differ; none when they match, are missing, or cannot be read. */
    static List<String> problems(LoaderProperties props, Collection<StreamDefinition> streams) {
        String url = url(props);
        if (url == null || streams.isEmpty()) {
            return List.of();
        }
        boolean separate = !props.get("loader.target.url", "").isBlank();
        List<String> problems = new ArrayList<>();
        try (Database db = Database.forReading("target-check", url, props.get(separate ? "loader.target.user" : "loader.db.user", ""),
                props.get(separate ? "loader.target.password" : "loader.db.password", ""));
             Connection c = db.connect()) {
            for (StreamDefinition s : streams) {
                String problem = TargetColumns.problem(c, s);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // not answering is the start's own concern (and validate's "does not answer")
            return List.of();
        }
        return problems;
    }

    /** Where the target tables live: loader.target.url, else the DCF database's; null for an embedded file not made yet. */
    private static String url(LoaderProperties props) {
        String url = props.get("loader.target.url", "");
        if (url.isBlank()) {
            url = props.get("loader.db.url", "");
        }
        if (url.isBlank()) {
            Path file = Path.of(props.get("loader.dir.db", "data/db")).resolve("loader.duckdb").toAbsolutePath();
            return Files.isRegularFile(file) ? DUCKDB + file : null;
        }
        return url;
    }
}
