package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import com.bank.gdw.loader.camel.CamelErrors;
import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.db.SchemaHistory;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.DcfClock;
import com.bank.gdw.loader.dcf.Owner;
import com.bank.gdw.loader.feed.FeedReader;
import com.bank.gdw.loader.report.LoadReport;
import com.bank.gdw.loader.stream.FileNaming;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.UnitDiscovery;
import com.bank.gdw.loader.unit.EarlierLoads;
import com.bank.gdw.loader.unit.UnitCheck;

/**
 * A dry run of a business date that writes nothing anywhere: configuration, databases and directories checked, each
 * unit read through the load's own reading, validation and quality code (UnitCheck), and the status a run would
 * reach printed per unit. No Camel, no migration, no lease, no DCF or target row, no file moved or written in the
 * loader's directories (the reader's scratch spools go to a temporary directory of the system, deleted after).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a business date without loading it: configuration, databases, directories and every unit's files "
                + "(writes nothing).%nExit codes: 0 every unit would complete, 1 some unit would not, 2 bad arguments or "
                + "configuration, 3 no source data.")
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--date", required = true, paramLabel = "YYYYMMDD", description = "Business date to check.")
    String date;

    @Option(names = "--stream", paramLabel = "CODE", description = "Stream code (default: every configured stream).")
    String stream;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** The result: problems of the set-up, notes, and per stream the verdicts of its units. */
    public record Result(String businessDate, List<String> problems, List<String> notes, Map<String, List<UnitCheck.Verdict>> streams,
                         int exitCode) { }

    @Override
    public Integer call() {
        LocalDate businessDate = FileNaming.parseDate(date);
        if (businessDate == null) {
            throw new IllegalArgumentException("--date " + date + " is not a date YYYYMMDD");
        }
        Result r = validate(businessDate);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(LoadReport.toJson(r));
        } else {
            print(r, out);
        }
        out.flush();
        return r.exitCode();
    }

    private Result validate(LocalDate businessDate) {
        LoaderProperties props = LoaderProperties.load();
        List<String> problems = new ArrayList<>(KnownKeys.unknown(props));
        List<String> badValues = SettingsCheck.problems(props);
        problems.addAll(badValues);
        List<String> notes = new ArrayList<>();
        Collection<StreamDefinition> streams = List.of();
        try {
            StreamCatalog catalog = props.streams();
            streams = stream == null ? catalog.all() : List.of(catalog.get(stream));
        } catch (RuntimeException e) {
            problems.add("stream definitions: " + CamelErrors.rootMessage(e));
        }
        for (String dir : List.of("landing", "inprocess", "archive-load", "archive-trigger", "error", "reports", "work")) {
            Path p = Path.of(props.get("loader.dir." + dir, "data/" + dir)).toAbsolutePath();
            Path existing = p;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isWritable(existing) || !Files.isDirectory(existing)) {
                problems.add("directory " + p + " (loader.dir." + dir + ") is not writable");
            } else if (!existing.equals(p)) {
                notes.add("directory " + p + " does not exist yet; a run creates it");
            }
        }
        Map<String, List<UnitCheck.Verdict>> verdicts = new LinkedHashMap<>();
        if (!badValues.isEmpty()) {
            // the databases are opened with these settings (and log with them): not with a bad one
            return new Result(businessDate.toString(), problems, notes, verdicts, 2);
        }
        try (Database dcfDb = openDcf(props, problems, notes)) {
            checkTarget(props, problems);
            problems.addAll(TargetTableCheck.problems(props, streams));
            if (!problems.isEmpty()) {
                return new Result(businessDate.toString(), problems, notes, verdicts, 2);
            }
            ControlTables dcf = dcfDb == null ? null : ControlTables.on(dcfDb, DcfClock.utc(),
                    Owner.current(props.get("loader.instance.name", "")), Duration.ofMinutes(1));
            Path landing = Path.of(props.get("loader.dir.landing", "data/landing"));
            FeedReader.Limits limits = new FeedReader.Limits(props.getInt("loader.pipeline.max-line-bytes", 16 * 1024 * 1024),
                    Long.parseLong(props.get("loader.unit.max-rejects", "100000").trim()),
                    Long.parseLong(props.get("loader.unit.max-bytes", "53687091200").trim()));
            Path scratch = Files.createTempDirectory("gdw-validate-");
            try {
                for (StreamDefinition s : streams) {
                    List<UnitCheck.Verdict> list = new ArrayList<>();
                    UnitCheck check = new UnitCheck(s, scratch, limits);
                    for (LoadUnit u : new UnitDiscovery(s, landing).list().unitsOf(businessDate)) {
                        list.add(check.check(u, earlierLoads(dcf, s, u, separateTarget(props))));
                    }
                    verdicts.put(s.code(), list);
                }
            } finally {
                deleteTree(scratch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<UnitCheck.Verdict> all = verdicts.values().stream().flatMap(List::stream).toList();
        int exit = all.isEmpty() ? 3 : all.stream().allMatch(v -> v.status().isSuccess()) ? 0 : 1;
        return new Result(businessDate.toString(), problems, notes, verdicts, exit);
    }

    /** The DCF database opened for reading, with its pending migrations noted; null when it does not exist yet. */
    private static Database openDcf(LoaderProperties props, List<String> problems, List<String> notes) {
        String url = props.get("loader.db.url", "");
        if (url.isBlank()) {
            Path file = Path.of(props.get("loader.dir.db", "data/db")).resolve("loader.duckdb").toAbsolutePath();
            if (!Files.exists(file)) {
                notes.add("no DCF database yet at " + file + "; a run creates it with every migration");
                return null;
            }
            url = "jdbc:duckdb:" + file;
        }
        Database db;
        try {
            db = Database.forReading("dcf", url, props.get("loader.db.user", ""), props.get("loader.db.password", ""));
            ping(db);
        } catch (RuntimeException e) {
            DatabaseFileHeldException held = DatabaseFileHeldException.of(url, e);
            problems.add(held != null ? held.getMessage()
                    : "the DCF database " + DatabaseKind.redact(url) + " does not answer: " + CamelErrors.rootMessage(e));
            return null;
        }
        try {
            SchemaHistory history = SchemaHistory.read(db);
            if (history.isNewerThanBuild()) {
                // as a run would be refused: this build does not know those tables
                problems.add(history.newerThanBuild());
                return db;
            }
            List<String> pending = history.pending();
            notes.add("DCF database " + db.describe() + " answers; pending migrations: " + (pending.isEmpty() ? "none"
                    : String.join(", ", pending)));
            history.missingTables().forEach(t -> problems.add("the DCF table " + t + " is missing from " + db.describe()
                    + ", though its migration is recorded as applied: a run would fail on it"));
        } catch (RuntimeException e) {
            notes.add("DCF database " + db.describe() + " answers; its migrations cannot be listed: " + CamelErrors.rootMessage(e));
        }
        return db;
    }

    private static void ping(Database db) {
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void checkTarget(LoaderProperties props, List<String> problems) {
        String url = props.get("loader.target.url", "");
        if (url.isBlank()) {
            return;
        }
        try (Database t = Database.forReading("target", url, props.get("loader.target.user", ""), props.get("loader.target.password", ""))) {
            ping(t);
        } catch (RuntimeException e) {
            problems.add("the target database " + DatabaseKind.redact(url) + " does not answer: " + CamelErrors.rootMessage(e));
        }
    }

    /** The unit's earlier loads of the date, as the run's same-content check sees them; none without DCF tables. */
    private static EarlierLoads earlierLoads(ControlTables dcf, StreamDefinition s, LoadUnit u, boolean separateTarget) {
        if (dcf == null) {
            return EarlierLoads.NONE;
        }
        try {
            return new EarlierLoads(dcf.jdbi().withHandle(h -> dcf.processes().earlierLoads(h, s.id(), u.unit(), u.businessDate(), -1)),
                    separateTarget);
        } catch (RuntimeException e) {
            // no DCF tables yet: nothing was loaded
            return EarlierLoads.NONE;
        }
    }

    /** The target tables live in another database than the DCF tables (LoaderSettings.separateTarget). */
    private static boolean separateTarget(LoaderProperties props) {
        String target = props.get("loader.target.url", "");
        return !target.isBlank() && !target.equals(props.get("loader.db.url", ""));
    }

    private static void print(Result r, PrintWriter out) {
        out.println("validate " + r.businessDate() + ":");
        r.problems().forEach(p -> out.println("  ERROR " + p));
        r.notes().forEach(n -> out.println("  " + n));
        r.streams().forEach((code, units) -> {
            out.println(code + ":" + (units.isEmpty() ? " no unit in landing for " + r.businessDate() : ""));
            for (UnitCheck.Verdict v : units) {
                out.printf("  %-12s %-50s would end %s: %d read, %d would be written, rejects %s, quality %.2f (min %d; high %d, "
                                + "medium %d, low %d)%s%n", v.unit(), v.fileName(), v.status(), v.rowsRead(), v.rowsToWrite(),
                        v.rejectsByReason().isEmpty() ? "none" : v.rejectsByReason(), v.averageScore(), v.minScore(), v.high(),
                        v.medium(), v.low(), v.message() != null ? " - " + v.message() : "");
            }
        });
        out.println("exit " + r.exitCode());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory of the system: left for it to clean
        }
    }
}
