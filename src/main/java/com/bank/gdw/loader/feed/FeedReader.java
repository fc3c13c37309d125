package com.bank.gdw.loader.feed;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * One streaming pass over a load file: every line is parsed, validated and scored; accepted records are handed on in
 * batches, rejects and key suspects go to scratch files. Memory stays flat whatever the file size.
 */
public final class FeedReader {

    /** Told how far the read has come: lines read and bytes of the file consumed; and when the read is held up. */
    public interface Progress {
        void at(long lines, long fileBytes);

        /**
         * The reader waits for the database side, for {@code millis} so far: to take a batch (the read is held up) or,
         * after the last row, to finish with the file. Told on the reading thread every 200 ms while it waits, and 0
         * when the wait is over.
         */
        default void waiting(long millis) {
        }
    }

    /** Receives a full batch and returns an empty one to fill next. */
    public interface BatchHandler {
        RecordBatch handle(RecordBatch full) throws InterruptedException;
    }

    /**
     * How far a read may go: the longest line, the rejected records (past it the unit stops reading), the bytes of the
     * file once decompressed (against gzip bombs).
     */
    public record Limits(int maxLineBytes, long maxRejects, long maxBytes) {

        /** Only the line length limited. */
        public static Limits lineBytes(int maxLineBytes) {
            return new Limits(maxLineBytes, Long.MAX_VALUE, Long.MAX_VALUE);
        }
    }

    private final StreamDefinition stream;
    private final Path file;
    private final String fileName;
    private final Limits limits;
    private final Path scratchDir;
    private final RecordParser parser;
    private final QualityScorer scorer;
    private final int[] keyColumns;
    private final int amountColumn;
    private final FeedStatistics statistics;
    private final Spool<Reject> rejects;
    private final Spool<RecordBatch> suspects;
    private final RecordBatch suspectRow;
    private final Checkpoint checkpoint;
    private Progress progress = (lines, bytes) -> { };
    private volatile boolean cancelled;

    public FeedReader(StreamDefinition stream, Path file, LocalDate businessDate, Path scratchDir, int maxLineBytes) {
        this(stream, file, businessDate, scratchDir, Limits.lineBytes(maxLineBytes));
    }

    public FeedReader(StreamDefinition stream, Path file, LocalDate businessDate, Path scratchDir, Limits limits) {
        this(stream, file, businessDate, scratchDir, limits, Checkpoint.NONE);
    }

    /** A read that passes {@code checkpoint} mid-read (at line 1000). */
    public FeedReader(StreamDefinition stream, Path file, LocalDate businessDate, Path scratchDir, Limits limits,
                      Checkpoint checkpoint) {
        this.stream = stream;
        this.checkpoint = checkpoint;
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.limits = limits;
        this.scratchDir = scratchDir;
        this.parser = new RecordParser(stream);
        this.scorer = new QualityScorer(stream, businessDate);
        this.keyColumns = stream.keyIndexes();
        this.amountColumn = stream.amountColumn() == null ? -1 : stream.layout().indexOf(stream.amountColumn());
        int scale = amountColumn < 0 ? 0 : stream.layout().column(amountColumn).type().scale();
        this.statistics = new FeedStatistics(stream.quality(), scale);
        this.rejects = new Spool<>(scratchDir, "rejects-", Reject::write, Reject::read);
        this.suspectRow = new RecordBatch(stream.layout(), 1);
        this.suspects = new Spool<>(scratchDir, "suspects-", (b, out) -> b.writeRow(0, out), in -> {
            suspectRow.clear();
            suspectRow.readRow(in);
            return suspectRow;
        });
    }

    private static int estimateRows(Path file) {
        try {
            long bytes = Files.size(file);
            long perRow = file.getFileName().toString().endsWith(".gz") ? 120 : 600;
            return (int) Math.min(1 << 26, bytes / perRow * 2);
        } catch (IOException e) {
            return 1 << 16;
        }
    }

    /** Told every 4096 records and at the end; told by the batch queue while the database holds the read up. */
    public void onProgress(Progress progress) {
        this.progress = progress;
    }

    public void cancel() {
        cancelled = true;
    }

    /** Reads the whole file; returns the last, partly filled batch (possibly empty) for the caller to flush. */
    public RecordBatch read(RecordBatch first, BatchHandler handler) throws IOException, InterruptedException {
        RecordBatch batch = first;
        // the key table lives as long as this pass and is unmapped by this thread at its end (KeyFingerprints.close)
        try (FeedInput.Opened in = FeedInput.open(file, limits.maxBytes());
             KeyFingerprints fingerprints = new KeyFingerprints(scratchDir, estimateRows(file))) {
            LineReader lines = new LineReader(in.records(), fileName, limits.maxLineBytes());
            while (lines.next()) {
                long line = lines.lineNumber();
                statistics.record(line);
                // every 4096 records: frequent enough that a slow load still reports at the configured cadence
                // (every 65536 came 13 s apart at 5,000 rows/s), rare enough to cost nothing
                if ((line & 0xFFF) == 0) {
                    if (cancelled) {
                        throw new InterruptedException("load of " + fileName + " cancelled at line " + line);
                    }
                    progress.at(line, in.file().count());
                }
                if (line == 1000) {
                    checkpoint.reach("mid-read");
                }
                RecordParser.Outcome parsed = parser.parse(lines.buffer(), lines.start(), lines.end(), batch);
                if (!parsed.accepted()) {
                    reject(lines, line, parsed);
                    if (++rejected > limits.maxRejects()) {
                        throw new FeedFormatException(fileName + " line " + line + ": more than " + limits.maxRejects()
                                + " records rejected (loader.unit.max-rejects); the unit stops reading");
                    }
                    continue;
                }
                int row = batch.openRow();
                int score = scorer.score(batch, row, parsed.dateMarkers());
                if (!fingerprints.add(KeyFingerprints.fingerprint(batch, row, keyColumns))) {
                    // same fingerprint as an earlier accepted key: decided after the pass, against the rows written
                    suspectRow.clear();
                    suspectRow.appendCopy(batch, row, line, score);
                    suspects.add(suspectRow);
                    continue;
                }
                batch.commitRow(line, score);
                statistics.accepted(score, amountOf(batch, row));
                if (batch.isFull()) {
                    batch = handler.handle(batch);
                }
            }
            progress.at(lines.lineNumber(), in.file().count());
        }
        return batch;
    }

    private void reject(LineReader lines, long line, RecordParser.Outcome parsed) {
        RejectReason reason = parsed.reason();
        int column = parsed.column();
        String columnName = null;
        String value;
        if (reason == RejectReason.INVALID_VALUE) {
            columnName = stream.layout().column(column).name();
            value = parsed.fieldText(lines.buffer());
        } else {
            if (reason == RejectReason.KEY_MISSING) {
                columnName = stream.layout().column(column).name();
            }
            value = RecordParser.decodeLenient(lines.buffer(), lines.start(),
                    Math.min(lines.end(), lines.start() + Reject.MAX_VALUE_CHARS * 4));
        }
        Reject r = new Reject(line, reason, columnName, value);
        rejects.add(r);
        statistics.rejected(reason);
        if (firstRejects < 10) {
            firstRejects++;
            lastRejectMessages.append(r.describe(fileName, parsed.failure())).append('\n');
        }
    }

    private long rejected;
    private int firstRejects;
    private final StringBuilder lastRejectMessages = new StringBuilder();

    /** One-line messages of the first rejects of the file, for the log. */
    public String firstRejectMessages() {
        return lastRejectMessages.toString();
    }

    long amountOf(RecordBatch batch, int row) {
        return amountColumn < 0 || batch.isNull(amountColumn, row) ? 0 : batch.unscaled(amountColumn, row);
    }

    /** Settles a suspect after the pass: a real duplicate becomes a DUPLICATE_KEY reject, a hash collision a row. */
    public void resolveSuspect(RecordBatch row, boolean duplicate) {
        if (duplicate) {
            rejects.add(new Reject(row.lineNumber(0), RejectReason.DUPLICATE_KEY, String.join(",", stream.keyColumns()),
                    keyText(row)));
            statistics.rejected(RejectReason.DUPLICATE_KEY);
        } else {
            statistics.accepted(row.score(0), amountOf(row, 0));
        }
    }

    private String keyText(RecordBatch row) {
        StringBuilder sb = new StringBuilder();
        for (int c : keyColumns) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            switch (row.kind(c)) {
                case DECIMAL -> sb.append(new BigDecimal(BigInteger.valueOf(row.unscaled(c, 0)),
                        stream.layout().column(c).type().scale()).toPlainString());
                case DATE -> sb.append(LocalDate.ofEpochDay(row.epochDay(c, 0)));
                default -> sb.append(row.text(c, 0));
            }
        }
        return sb.toString();
    }

    public Spool<Reject> rejects() {
        return rejects;
    }

    public Spool<RecordBatch> suspects() {
        return suspects;
    }

    public FeedStatistics statistics() {
        return statistics;
    }

    /** Frees the scratch files (the key table is freed by the pass itself). */
    public void close() {
        rejects.close();
        suspects.close();
    }
}
