package com.bank.gdw.loader.load;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.FeedReader;
import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.Layout;

/**
 * The bounded hand-over between the thread reading a file and the thread writing the database: a fixed set of
 * batches circulates, so memory does not depend on file size and the faster side waits for the slower. While the
 * reader waits, for a batch to hand on or, after the last, for the writer to finish with the file, its progress is
 * told how long it has waited, every 200 ms: the progress keeps its cadence through a stall.
 */
public final class BatchQueue implements BatchSource, FeedReader.BatchHandler {

    private static final RecordBatch END = new RecordBatch(new Layout(List.of()), 1);

    private final BlockingQueue<RecordBatch> full;
    private final BlockingQueue<RecordBatch> free;
    private volatile Throwable readerFailure;
    private volatile boolean writerGone;
    private final Checkpoint checkpoint;
    private final FeedReader.Progress progress;
    private final CountDownLatch writerEnded = new CountDownLatch(1);
    private int taken;

    /** {@code checkpoint} is passed mid-write, when the writer takes its third batch. */
    public BatchQueue(Layout layout, int batchRows, int depth, Checkpoint checkpoint, FeedReader.Progress progress) {
        this.checkpoint = checkpoint;
        this.progress = progress;
        this.full = new ArrayBlockingQueue<>(depth + 1);
        this.free = new ArrayBlockingQueue<>(depth + 2);
        for (int i = 0; i < depth + 2; i++) {
            free.add(new RecordBatch(layout, batchRows));
        }
    }

    /** An empty batch for the reader to start with. */
    public RecordBatch first() throws InterruptedException {
        return free.take();
    }

    @Override
    public RecordBatch handle(RecordBatch batch) throws InterruptedException {
        long since = offer(batch);
        while (true) {
            RecordBatch next = free.poll(200, TimeUnit.MILLISECONDS);
            if (next != null) {
                if (since != 0) {
                    progress.waiting(0);
                }
                return next;
            }
            since = waited(since);
        }
    }

    /** Hands a batch on; returns when the reader began waiting to (or 0 when it did not wait). */
    private long offer(RecordBatch batch) throws InterruptedException {
        long since = 0;
        while (!full.offer(batch, 200, TimeUnit.MILLISECONDS)) {
            since = waited(since);
        }
        return since;
    }

    /** The reader has waited 200 ms more for a batch to move: it stops if the writer did, else reports the wait. */
    private long waited(long since) throws InterruptedException {
        if (writerGone) {
            throw new InterruptedException("the database side stopped");
        }
        return reportWait(since);
    }

    /** Tells the progress how long the reader has waited since {@code since} (nanoTime; 0: it began 200 ms ago). */
    private long reportWait(long since) {
        long now = System.nanoTime();
        long start = since == 0 ? now - TimeUnit.MILLISECONDS.toNanos(200) : since;
        progress.waiting(TimeUnit.NANOSECONDS.toMillis(now - start));
        return start;
    }

    /** The reader is done: the last, partly filled batch goes out, then the end. */
    public void finish(RecordBatch last) throws InterruptedException {
        if (last.size() > 0) {
            offer(last);
        }
        offer(END);
    }

    /**
     * After {@link #finish}: the reader waits until the writer is done with the file or gave up (the database's end of
     * the load: the COPY's end, Snowflake's COPY and MERGE), telling its progress how long it has waited. Interrupted,
     * it stops waiting; the read is whole, so the load is not affected.
     */
    public void awaitWriter() {
        long since = 0;
        try {
            while (!writerEnded.await(200, TimeUnit.MILLISECONDS)) {
                since = reportWait(since);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.waiting(0);
    }

    /** The writer is done with the file: a reader waiting for it ends. */
    public void writerDone() {
        writerEnded.countDown();
    }

    /**
     * The reader failed: the writer sees the failure at its next batch. The flag is what counts (the writer checks it
     * between timed polls); the batches not yet taken are dropped so the end marker always fits as well.
     */
    public void fail(Throwable failure) {
        readerFailure = failure;
        full.clear();
        full.offer(END);
    }

    /** What made the reading side fail, or null. */
    public Throwable readerFailure() {
        return readerFailure;
    }

    /** The writer stopped early: the reader stops at its next batch. */
    public void abandon() {
        writerGone = true;
        full.clear();
        writerEnded.countDown();
    }

    @Override
    public RecordBatch next() throws InterruptedException {
        if (++taken == 3) {
            // the database has two batches of the unit by now
            checkpoint.reach("mid-write");
        }
        RecordBatch b;
        while ((b = full.poll(200, TimeUnit.MILLISECONDS)) == null) {
            if (readerFailure != null) {
                throw new ReaderFailedException(readerFailure);
            }
        }
        if (b == END) {
            full.offer(END);
            if (readerFailure != null) {
                throw new ReaderFailedException(readerFailure);
            }
            return null;
        }
        return b;
    }

    @Override
    public void recycle(RecordBatch batch) {
        batch.clear();
        free.offer(batch);
    }

    /** Carries a failure of the reading thread to the writing one. */
    public static final class ReaderFailedException extends RuntimeException {
        ReaderFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
