package com.bank.gdw.loader.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.FeedReader;
import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.feed.Spool;

/**
 * Streams one load file into the target inside the caller's transaction: a reading thread decompresses, parses,
 * validates and scores into a bounded queue while this thread feeds the database, so both cores work and memory
 * stays flat. Key suspects are settled against the written rows afterwards, set-based by the writer.
 */
public final class LoadPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(LoadPipeline.class);

    /**
     * Pipeline settings; a unit stops reading past {@code maxRejects} rejected records or {@code maxBytes} bytes of a
     * file once decompressed.
     */
    public record Settings(int batchRows, int queueBatches, int maxLineBytes, Path scratchDir, long maxRejects, long maxBytes) { }

    private final ExecutorService readers;
    private final Settings settings;
    private final Checkpoint checkpoint;

    /** {@code checkpoint}: passed mid-read and mid-write. */
    public LoadPipeline(ExecutorService readers, Settings settings, Checkpoint checkpoint) {
        this.readers = readers;
        this.settings = settings;
        this.checkpoint = checkpoint;
    }

    public LoadedFile load(Connection c, TargetWriter writer, TargetLoad load, Path file, FeedReader.Progress progress)
            throws SQLException, InterruptedException {
        try {
            return attempt(c, writer, load, file, progress);
        } catch (KeyConflictException e) {
            LOG.info("{}: {}; loading again through a staging table", file.getFileName(), e.getMessage());
            c.rollback();
            return attempt(c, writer, load.withStaging(), file, progress);
        }
    }

    private LoadedFile attempt(Connection c, TargetWriter writer, TargetLoad load, Path file, FeedReader.Progress progress)
            throws SQLException, InterruptedException {
        FeedReader reader = new FeedReader(load.stream(), file, load.businessDate(), settings.scratchDir(),
                new FeedReader.Limits(settings.maxLineBytes(), settings.maxRejects(), settings.maxBytes()), checkpoint);
        reader.onProgress(progress);
        BatchQueue queue = new BatchQueue(load.stream().layout(), settings.batchRows(), settings.queueBatches(), checkpoint, progress);
        boolean done = false;
        // the reading thread logs (progress) for the unit too: it carries the unit's stream, run and process id
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        try {
            Future<?> reading = readers.submit(() -> {
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                try {
                    queue.finish(reader.read(queue.first(), queue));
                    // the read is whole: the unit's progress goes on while the database finishes with the file
                    queue.awaitWriter();
                } catch (Throwable t) {
                    queue.fail(t);
                } finally {
                    MDC.clear();
                }
            });
            long written;
            try {
                written = writer.write(c, load, queue);
                queue.writerDone();
            } catch (SQLException | RuntimeException | InterruptedException e) {
                // a reader failure from before the writer gave up is the cause; after it, it is only the cancellation
                Throwable readerFailure = queue.readerFailure();
                queue.abandon();
                reader.cancel();
                awaitQuietly(reading);
                if (readerFailure != null) {
                    // the database only saw the feed end badly; the reader knows why (file, line)
                    throw unchecked(readerFailure);
                }
                throw e;
            }
            await(reading);
            written += settleSuspects(c, writer, load, reader);
            done = true;
            return new LoadedFile(reader, written, load);
        } finally {
            if (!done) {
                reader.close();
            }
        }
    }

    /**
     * A suspect is a record whose key fingerprint an earlier record had. The writer settles them all at once against
     * the rows written; the reader then counts each as a row or a repeated key. Most files have none: then nothing is
     * sent to the database.
     */
    private long settleSuspects(Connection c, TargetWriter writer, TargetLoad load, FeedReader reader)
            throws SQLException, InterruptedException {
        Spool<RecordBatch> suspects = reader.suspects();
        if (suspects.isEmpty()) {
            return 0;
        }
        Set<Long> rows;
        try (Spool<RecordBatch>.Cursor cursor = suspects.cursor()) {
            rows = writer.settle(c, load, batched(cursor, new RecordBatch(load.stream().layout(), settings.batchRows())));
        }
        suspects.forEach(row -> reader.resolveSuspect(row, !rows.contains(row.lineNumber(0))));
        return rows.size();
    }

    /**
     * The spooled suspects (read back one at a time) in full batches: a writer's bulk path works per batch, and DuckDB's
     * insert from the table function took 1 ms per batch of one row.
     */
    private static BatchSource batched(Spool<RecordBatch>.Cursor cursor, RecordBatch batch) {
        return new BatchSource() {
            @Override
            public RecordBatch next() {
                batch.clear();
                for (RecordBatch row = cursor.next(); row != null; row = cursor.next()) {
                    batch.copyRow(row, 0);
                    if (batch.isFull()) {
                        break;
                    }
                }
                return batch.size() == 0 ? null : batch;
            }

            @Override
            public void recycle(RecordBatch consumed) {
                // the same batch is filled again by next()
            }
        };
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof IOException io) {
            return new UncheckedIOException(io.getMessage(), io);
        }
        return new IllegalStateException(t.getMessage(), t);
    }

    private static void await(Future<?> reading) throws InterruptedException {
        try {
            reading.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(Future<?> reading) {
        try {
            reading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the reader reports through the queue
        }
    }

}
