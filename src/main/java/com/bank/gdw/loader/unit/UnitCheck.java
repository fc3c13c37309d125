package com.bank.gdw.loader.unit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.feed.ControlLine;
import com.bank.gdw.loader.feed.FeedReader;
import com.bank.gdw.loader.feed.FeedStatistics;
import com.bank.gdw.loader.feed.FileDigest;
import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.feed.RejectReason;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.stream.QualityPolicy;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * A unit read as a load reads it, and the status that load would reach, with nothing written: the same checks
 * (UnitRules: load file, control line, same content, control count, quality minimum) as the unit load, through the same
 * FeedReader. Key suspects, which a load settles against the rows it wrote, are settled by a second pass over the
 * file instead (a suspect is a duplicate when an earlier record of the file has its key).
 */
public final class UnitCheck {

    /** What a load of the unit would come to. */
    public record Verdict(String unit, String fileName, UnitStatus status, String message, long rowsRead, long rowsToWrite,
                          Map<String, Long> rejectsByReason, double averageScore, int minScore, long high, long medium, long low) { }

    private final StreamDefinition stream;
    private final Path scratchDir;
    private final FeedReader.Limits limits;

    /** @param scratchDir where the reader's spools go: outside the loader's data directories */
    public UnitCheck(StreamDefinition stream, Path scratchDir, FeedReader.Limits limits) {
        this.stream = stream;
        this.scratchDir = scratchDir;
        this.limits = limits;
    }

    /** @param earlier the unit's earlier loads of the date (what the same-content skip compares against) */
    public Verdict check(LoadUnit unit, EarlierLoads earlier) throws IOException, InterruptedException {
        Optional<UnitOutcome> ended = UnitRules.loadFile(stream, unit);
        if (ended.isPresent()) {
            return verdict(unit, ended.get(), null, 0);
        }
        ControlLine.Reading control = ControlLine.read(unit.triggerFile(), stream.delimiter());
        Path file = unit.loadFile();
        ended = UnitRules.controlLine(unit, control);
        if (ended.isPresent()) {
            return verdict(unit, ended.get(), null, 0);
        }
        String sha = FileDigest.sha256(file);
        // validate is never a replay: a replay's bytes are loaded again whatever they are
        ended = UnitRules.sameContent(sha, file.getFileName().toString(), earlier, false);
        if (ended.isPresent()) {
            return verdict(unit, ended.get(), null, 0);
        }
        FeedReader reader = new FeedReader(stream, file, unit.businessDate(), scratchDir, limits);
        try {
            reader.read(new RecordBatch(stream.layout(), 1024), full -> {
                full.clear();
                return full;
            });
            settleSuspects(reader, unit);
            FeedStatistics st = reader.statistics();
            ended = UnitRules.afterRead(unit, control, UnitRules.figures(st, 0), stream.quality().minimumAverage(), sha);
            if (ended.isPresent()) {
                return verdict(unit, ended.get(), st, 0);
            }
            return verdict(unit, new UnitOutcome(UnitStatus.COMPLETED, UnitRules.figures(st, st.rowsAccepted()), sha, null), st,
                    st.rowsAccepted());
        } catch (RuntimeException | IOException e) {
            return verdict(unit, new UnitOutcome(UnitStatus.FAILED, null, sha, e.getMessage() == null ? e.toString() : e.getMessage()),
                    reader.statistics(), 0);
        } finally {
            reader.close();
        }
    }

    /** Settles the suspects as the load does against its rows, with the keys of the file's accepted records. */
    private void settleSuspects(FeedReader reader, LoadUnit unit) throws IOException, InterruptedException {
        Set<String> suspectKeys = new HashSet<>();
        reader.suspects().forEach(row -> suspectKeys.add(key(row, 0)));
        if (suspectKeys.isEmpty()) {
            return;
        }
        Set<String> accepted = new HashSet<>();
        FeedReader again = new FeedReader(stream, unit.loadFile(), unit.businessDate(), scratchDir, limits);
        try {
            RecordBatch last = again.read(new RecordBatch(stream.layout(), 1024), full -> {
                collect(full, suspectKeys, accepted);
                full.clear();
                return full;
            });
            collect(last, suspectKeys, accepted);
        } finally {
            again.close();
        }
        reader.suspects().forEach(row -> {
            String key = key(row, 0);
            boolean duplicate = !accepted.add(key);
            reader.resolveSuspect(row, duplicate);
        });
    }

    private void collect(RecordBatch batch, Set<String> suspectKeys, Set<String> accepted) {
        for (int row = 0; row < batch.size(); row++) {
            String key = key(batch, row);
            if (suspectKeys.contains(key)) {
                accepted.add(key);
            }
        }
    }

    private String key(RecordBatch batch, int row) {
        StringBuilder sb = new StringBuilder();
        for (int c : stream.keyIndexes()) {
            if (batch.isNull(c, row)) {
                sb.append('\u0000');
            } else {
                switch (batch.kind(c)) {
                    case VARCHAR -> sb.append(batch.text(c, row));
                    case DATE -> sb.append(batch.epochDay(c, row));
                    default -> sb.append(batch.unscaled(c, row));
                }
            }
            sb.append('\u0001');
        }
        return sb.toString();
    }

    private Verdict verdict(LoadUnit unit, UnitOutcome o, FeedStatistics st, long rowsToWrite) {
        UnitStatus status = o.status();
        String message = o.message();
        String name = unit.hasLoadFile() ? unit.loadFile().getFileName().toString() : unit.triggerFile().getFileName().toString();
        if (st == null) {
            return new Verdict(unit.unit(), name, status, message, 0, 0, Map.of(), 0, 0, 0, 0, 0);
        }
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (RejectReason r : RejectReason.values()) {
            long n = st.rejects(r);
            if (n > 0) {
                byReason.put(r.name(), n);
            }
        }
        return new Verdict(unit.unit(), name, status, message, st.inputRows(), rowsToWrite, byReason,
                UnitFigures.rounded(st.averageScore()), st.minScore(), st.band(QualityPolicy.Band.HIGH),
                st.band(QualityPolicy.Band.MEDIUM), st.band(QualityPolicy.Band.LOW));
    }
}
