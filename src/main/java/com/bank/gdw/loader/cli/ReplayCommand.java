package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.camel.RunRequest;
import com.bank.gdw.loader.camel.UnitResult;
import com.bank.gdw.loader.dcf.ArchivedUnits;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.StreamLease;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.feed.FileDigest;
import com.bank.gdw.loader.stream.FileNaming;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Loads business dates again from the archive: for each date of the range, oldest first, the latest COMPLETED load of
 * each unit is found through the DCF tables, its archived files are checked against the recorded SHA-256 and copied
 * (never moved) into landing, and the date runs with trigger REPLAY: the resend rules replace the unit's rows, the
 * same-content skip does not apply. The run archives the copies beside the originals.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Load business dates again from the archived files (trigger REPLAY).%n"
                + "Exit codes: 0 every replayed unit completed, 1 some did not, 2 bad arguments or configuration, "
                + "3 nothing archived to replay, 4 another run holds the stream.")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "YYYYMMDD", description = "First business date.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYYMMDD", description = "Last business date.")
    String to;

    @Option(names = "--unit", split = ",", paramLabel = "UNIT", description = "Only these units (default: every unit).")
    Set<String> units;

    @Option(names = "--stream", paramLabel = "CODE", description = "Stream code (default: the only configured stream).")
    String stream;

    @Override
    public Integer call() throws IOException {
        LocalDate first = FileNaming.parseDate(from);
        LocalDate last = FileNaming.parseDate(to);
        if (first == null || last == null || last.isBefore(first)) {
            throw new IllegalArgumentException("--from " + from + " --to " + to + " is not a range of dates YYYYMMDD");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CamelSession session = CamelSession.start()) {
            StreamDefinition s = session.loader().streams().only(stream);
            session.loader().initialize();
            ControlTables dcf = session.loader().dcf();
            Path landing = session.loader().settings().directories().landing();
            Optional<StreamLease.Holder> holder = dcf.jdbi().withHandle(h -> dcf.lease().holder(h, s.id()));
            if (holder.isPresent() && holder.get().expires().isAfter(LocalDateTime.now(ZoneOffset.UTC))) {
                out.println(s.name() + ": refused: the stream is held by " + holder.get().ownerId() + " until "
                        + holder.get().expires() + " UTC");
                return 4;
            }
            int replayed = 0;
            boolean allCompleted = true;
            for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
                LocalDate d = date;
                List<Path> staged = new ArrayList<>();
                for (ArchivedUnits.Unit u : dcf.jdbi().withHandle(h -> ArchivedUnits.latest(h, s.id(), d))) {
                    if (units != null && !units.contains(u.unit())) {
                        continue;
                    }
                    String problem = stage(u, landing, staged);
                    out.println(d + " " + u.unit() + ": " + (problem == null ? "replaying the files of process instance " + u.processId()
                            : "skipped: " + problem));
                }
                if (units != null) {
                    for (String wanted : units) {
                        if (dcf.jdbi().withHandle(h -> ArchivedUnits.latest(h, s.id(), d)).stream().noneMatch(u -> u.unit().equals(wanted))) {
                            out.println(d + " " + wanted + ": skipped: no completed load of that date, nothing archived to replay");
                        }
                    }
                }
                if (staged.isEmpty()) {
                    continue;
                }
                RunOutcome outcome = session.context().createProducerTemplate().requestBody("direct:" + s.code() + "-run",
                        new RunRequest(d, TriggerType.REPLAY, null), RunOutcome.class);
                if (outcome.refused()) {
                    for (Path p : staged) {
                        Files.deleteIfExists(p);
                    }
                    out.println(d + ": refused: " + outcome.message());
                    return 4;
                }
                replayed++;
                for (UnitResult r : outcome.units()) {
                    out.printf("  %-50s %-18s input %d, written %d%s%n", r.fileName(), r.status(), r.figures().inputRows(),
                            r.figures().rowsWritten(), r.error() != null ? " - " + r.error() : "");
                }
                out.println(d + ": run " + outcome.runId() + " " + outcome.status());
                allCompleted &= outcome.status() == com.bank.gdw.loader.dcf.RunStatus.COMPLETED;
            }
            out.flush();
            return replayed == 0 ? 3 : allCompleted ? 0 : 1;
        }
    }

    /** Copies the unit's archived files into landing after checking their bytes; the problem when it cannot. */
    private static String stage(ArchivedUnits.Unit u, Path landing, List<Path> staged) throws IOException {
        if (u.files().stream().noneMatch(f -> "LOAD".equals(f.role())) || u.files().stream().noneMatch(f -> "TRIGGER".equals(f.role()))) {
            return "the archive moves of process instance " + u.processId() + " are not recorded";
        }
        for (ArchivedUnits.File f : u.files()) {
            if (!Files.isRegularFile(f.archived())) {
                return "archived file " + f.archived() + " is missing";
            }
            if (f.sha256() != null && !f.sha256().equals(FileDigest.sha256(f.archived()))) {
                return "archived file " + f.archived() + " is not the bytes that were loaded (SHA-256 differs)";
            }
            if (Files.exists(landing.resolve(f.originalName()))) {
                return landing.resolve(f.originalName()) + " is already in landing";
            }
        }
        Files.createDirectories(landing);
        // the load file first, the trigger last, each complete before its name appears (as an upstream system drops them)
        for (String role : List.of("LOAD", "TRIGGER")) {
            for (ArchivedUnits.File f : u.files()) {
                if (role.equals(f.role())) {
                    Path tmp = landing.resolve("." + f.originalName() + ".replay");
                    Files.copy(f.archived(), tmp, StandardCopyOption.REPLACE_EXISTING);
                    Path target = landing.resolve(f.originalName());
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    staged.add(target);
                }
            }
        }
        return null;
    }
}
