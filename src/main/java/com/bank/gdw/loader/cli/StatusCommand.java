package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.camel.util.ObjectHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import com.bank.gdw.loader.camel.CamelErrors;
import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.DcfClock;
import com.bank.gdw.loader.dcf.Owner;
import com.bank.gdw.loader.ops.StatusReport;
import com.bank.gdw.loader.ops.StatusReport.StreamStatus;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The stream's state and recent runs, read from the DCF tables and nothing else: no Camel, no migration, no
 * recovery, no file touched. On the embedded database, whose file a running container holds, it asks that
 * container's HTTP API for the same report.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the stream's status, lease and recent runs (read-only).")
public final class StatusCommand implements Callable<Integer> {

    /** Exit code when neither the database nor a running container answers. */
    static final int UNAVAILABLE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--stream", paramLabel = "CODE", description = "Stream code (default: every configured stream).")
    String stream;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "How many recent runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json", description = "Print the report as JSON (for schedulers and scripts).")
    boolean json;

    @Override
    public Integer call() {
        if (runs < 1) {
            // LIMIT -1 would reach the database and come back as its error, exit code 1 ("does not answer")
            throw new IllegalArgumentException("--runs must be at least 1, not " + runs);
        }
        LoaderProperties props = LoaderProperties.load();
        SettingsCheck.require(props, SettingsCheck.STATUS);
        StreamCatalog catalog = props.streams();
        Collection<StreamDefinition> streams = stream == null ? catalog.all() : List.of(catalog.get(stream));
        List<StreamStatus> report;
        try {
            report = read(props, streams);
        } catch (DatabaseFileHeldException held) {
            report = askRunningContainer(props.getInt("loader.http.port", 8080));
        }
        if (report == null) {
            return UNAVAILABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(StatusReport.toJson(report));
            out.flush();
        } else {
            StatusReport.print(report, out);
        }
        return 0;
    }

    private List<StreamStatus> read(LoaderProperties props, Collection<StreamDefinition> streams) {
        String url = props.get("loader.db.url", "");
        if (url.isBlank()) {
            Path file = Path.of(props.get("loader.dir.db", "data/db")).resolve("loader.duckdb").toAbsolutePath();
            if (!Files.exists(file)) {
                return notCreated(streams, "no DCF database yet at " + file);
            }
            url = "jdbc:duckdb:" + file;
        }
        Database db;
        try {
            db = Database.forReading("dcf", url, props.get("loader.db.user", ""), props.get("loader.db.password", ""));
        } catch (RuntimeException e) {
            DatabaseFileHeldException.throwIfHeld(url, e);
            throw new ConfigurationException("cannot open the DCF database " + DatabaseKind.redact(url) + ": "
                    + CamelErrors.rootMessage(e), e);
        }
        try (db) {
            ControlTables dcf = ControlTables.on(db, DcfClock.utc(), Owner.current(props.get("loader.instance.name", "")),
                    Duration.ofMinutes(1));
            if (!hasControlTables(dcf)) {
                return notCreated(streams, "no DCF tables yet in " + db.describe());
            }
            return StatusReport.read(dcf, streams, runs);
        }
    }

    /** Whether the DCF tables exist; any other failure of the database is reported, not taken for "not created". */
    private static boolean hasControlTables(ControlTables dcf) {
        try {
            dcf.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM DCF_T_STRM").mapTo(Long.class).one());
            return true;
        } catch (RuntimeException e) {
            java.sql.SQLException sql = ObjectHelper.getException(java.sql.SQLException.class, e);
            String state = sql == null ? null : sql.getSQLState();
            String message = String.valueOf(sql == null ? e.getMessage() : sql.getMessage());
            // PostgreSQL 42P01, Snowflake 42S02, DuckDB "Catalog Error: Table with name ... does not exist"
            if ("42P01".equals(state) || "42S02".equals(state) || message.contains("does not exist")) {
                return false;
            }
            throw e;
        }
    }

    private static List<StreamStatus> notCreated(Collection<StreamDefinition> streams, String why) {
        List<StreamStatus> out = new ArrayList<>();
        for (StreamDefinition s : streams) {
            out.add(new StreamStatus(s.code(), s.id(), s.name(), s.targetTable(), "(not registered: " + why + ")", "free", List.of()));
        }
        return out;
    }

    private List<StreamStatus> askRunningContainer(int port) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/status?runs=" + runs + (stream == null ? "" : "&stream=" + stream));
        PrintWriter err = spec.commandLine().getErr();
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return StatusReport.fromJson(response.body());
            }
            err.println("gdw-loader: the embedded database is in use by a running loader, whose " + uri + " answered "
                    + response.statusCode() + ": " + response.body());
        } catch (IOException e) {
            err.println("gdw-loader: the embedded database is in use by a running loader, and its API " + uri
                    + " does not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
        return null;
    }
}
