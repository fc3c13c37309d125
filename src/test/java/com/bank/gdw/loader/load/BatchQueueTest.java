package com.bank.gdw.loader.load;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.feed.FeedReader;
import com.bank.gdw.loader.feed.RecordBatch;
import com.bank.gdw.loader.stream.Layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The end of the stream reaches the writer whatever the queue holds when the reader fails; a reader that waits for the
 * writer reports its wait, and stops waiting when the writer is done or gone.
 */
class BatchQueueTest {

    private static final Layout NO_COLUMNS = new Layout(List.of());

    @Test
    void a_reader_failing_while_the_queue_is_full_and_the_writer_has_taken_nothing_still_ends_the_writer() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            // given a queue the reader has filled before the writer took a single batch
            BatchQueue queue = new BatchQueue(NO_COLUMNS, 4, 1, Checkpoint.NONE, (lines, bytes) -> { });
            RecordBatch batch = queue.first();
            batch = queue.handle(batch);
            queue.handle(batch);
            // when the reader fails at that moment
            IOException corrupt = new IOException("Unexpected end of ZLIB input stream");
            queue.fail(corrupt);
            // then the writer learns of the failure, and does not wait for a batch that never comes
            assertThatThrownBy(() -> {
                while (queue.next() != null) {
                    // batches handed over before the failure may or may not still be delivered
                }
            }).isInstanceOf(BatchQueue.ReaderFailedException.class).hasCause(corrupt);
        });
    }

    @Test
    void a_reader_that_has_handed_on_its_last_batch_reports_its_wait_until_the_writer_is_done() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            java.util.List<Long> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
            FeedReader.Progress progress = new FeedReader.Progress() {
                @Override
                public void at(long lines, long fileBytes) {
                }

                @Override
                public void waiting(long millis) {
                    waits.add(millis);
                }
            };
            BatchQueue queue = new BatchQueue(NO_COLUMNS, 4, 1, Checkpoint.NONE, progress);
            queue.finish(queue.first());
            Thread reader = new Thread(queue::awaitWriter);
            reader.start();
            // the writer takes the end and works on for a second
            assertThat(queue.next()).isNull();
            Thread.sleep(1_000);
            queue.writerDone();
            reader.join();
            // every 200 ms how long so far, then 0: the wait is over
            assertThat(waits).hasSizeBetween(4, 7).last().isEqualTo(0L);
            java.util.List<Long> whileWaiting = waits.subList(0, waits.size() - 1);
            assertThat(whileWaiting).isSorted().allSatisfy(w -> assertThat(w).isPositive());
            assertThat(whileWaiting.get(whileWaiting.size() - 1)).isBetween(600L, 1_500L);
        });
    }

    @Test
    void a_writer_that_gives_up_ends_the_readers_wait_too() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            BatchQueue queue = new BatchQueue(NO_COLUMNS, 4, 1, Checkpoint.NONE, (lines, bytes) -> { });
            queue.finish(queue.first());
            Thread reader = new Thread(queue::awaitWriter);
            reader.start();
            queue.abandon();
            reader.join(2_000);
            assertThat(reader.isAlive()).isFalse();
        });
    }

    @Test
    void a_reader_that_finishes_ends_the_stream_after_its_batches() throws InterruptedException {
        BatchQueue queue = new BatchQueue(NO_COLUMNS, 4, 1, Checkpoint.NONE, (lines, bytes) -> { });
        RecordBatch first = queue.first();
        RecordBatch second = queue.handle(first);
        queue.finish(second);
        assertThat(queue.next()).isSameAs(first);
        assertThat(queue.next()).isNull();
        assertThat(queue.next()).isNull();
    }
}
