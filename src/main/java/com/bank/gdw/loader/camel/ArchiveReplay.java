package com.bank.gdw.loader.camel;

import java.io.IOException;
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

import org.apache.camel.ProducerTemplate;

import com.bank.gdw.loader.dcf.ArchivedUnits;
import com.bank.gdw.loader.dcf.RunLedger;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.dcf.StreamLease;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.feed.FileDigest;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.unit.UnitResult;

/**
 * Loads business dates again from the archive (the replay command and the JMX operation): for each date of the
 * range, oldest first, each unit's latest COMPLETED load is found through the DCF tables, its archived files are
 * checked against the recorded SHA-256 and copied (never moved) into landing, and the date runs with trigger REPLAY.
 * The execution log of the replay run names the archived file each unit came from.
 */
public final class ArchiveReplay {

    /** What a replay did: the lines to print and the exit code (0, 1, 3 nothing to replay, 4 refused). */
    public record Result(List<String> lines, int exitCode) { }

    private final RunLedger ledger;
    private final DatabaseSetup setup;
    private final Path landing;

    public ArchiveReplay(RunLedger ledger, DatabaseSetup setup, Path landing) {
        this.ledger = ledger;
        this.setup = setup;
        this.landing = landing;
    }

    /**
     * @param producer runs each date through the stream's run route
     * @param units    only these units, or null for every unit
     */
    public Result replay(ProducerTemplate producer, StreamDefinition s, LocalDate first, LocalDate last, Set<String> units)
            throws IOException {
        setup.ensureReady();
        List<String> out = new ArrayList<>();
        Optional<StreamLease.Holder> holder = ledger.holder(s);
        if (holder.isPresent() && holder.get().expires().isAfter(LocalDateTime.now(ZoneOffset.UTC))) {
            out.add(s.name() + ": refused: the stream is held by " + holder.get().ownerId() + " until " + holder.get().expires() + " UTC");
            return new Result(out, 4);
        }
        int replayed = 0;
        boolean allCompleted = true;
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            LocalDate d = date;
            List<ArchivedUnits.Unit> archived = ledger.archived(s, d);
            List<Path> staged = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            for (ArchivedUnits.Unit u : archived) {
                if (units != null && !units.contains(u.unit())) {
                    continue;
                }
                String problem = stage(u, landing, staged);
                if (problem == null) {
                    sources.add(u.unit() + " from " + u.files().stream().filter(f -> "LOAD".equals(f.role())).findFirst()
                            .map(f -> f.archived().toString()).orElse("?") + " (process instance " + u.processId() + ")");
                }
                out.add(d + " " + u.unit() + ": " + (problem == null ? "replaying the files of process instance " + u.processId()
                        : "skipped: " + problem));
            }
            if (units != null) {
                for (String wanted : units) {
                    if (archived.stream().noneMatch(u -> u.unit().equals(wanted))) {
                        out.add(d + " " + wanted + ": skipped: no completed load of that date, nothing archived to replay");
                    }
                }
            }
            if (staged.isEmpty()) {
                continue;
            }
            RunOutcome outcome = producer.requestBody("direct:" + s.code() + "-run", new RunRequest(d, TriggerType.REPLAY, null),
                    RunOutcome.class);
            if (outcome.refused()) {
                for (Path p : staged) {
                    Files.deleteIfExists(p);
                }
                out.add(d + ": refused: " + outcome.message());
                return new Result(out, 4);
            }
            replayed++;
            if (outcome.runId() != null) {
                ledger.note(s, outcome.runId(), "replay of " + d + ": " + String.join("; ", sources));
            }
            for (UnitResult r : outcome.units()) {
                out.add(String.format("  %-50s %-18s input %d, written %d%s", r.fileName(), r.status(), r.figures().inputRows(),
                        r.figures().rowsWritten(), r.error() != null ? " - " + r.error() : ""));
            }
            out.add(d + ": run " + outcome.runId() + " " + outcome.status());
            allCompleted &= outcome.status() == RunStatus.COMPLETED;
        }
        return new Result(out, replayed == 0 ? 3 : allCompleted ? 0 : 1);
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
