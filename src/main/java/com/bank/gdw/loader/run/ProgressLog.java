package com.bank.gdw.loader.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.bank.gdw.loader.feed.FeedReader;

/**
 * A load's progress as the reader reports it: the stream's activity follows every report, and a log line (on the
 * reader's thread, with the unit's MDC) every {@code everyMillis}. While the database holds the read up, the line
 * keeps its cadence and says how long the reader has waited.
 */
public final class ProgressLog implements FeedReader.Progress {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final StreamActivity activity;
    private final Path file;
    private final long everyMillis;
    private final long size;
    private final Map<String, String> mdc = MDC.getCopyOfContextMap();
    private long logged = System.currentTimeMillis();
    private long lines;
    private long bytes;

    private ProgressLog(StreamActivity activity, Path file, long everyMillis) {
        this.activity = activity;
        this.file = file;
        this.everyMillis = everyMillis;
        this.size = sizeOf(file);
    }

    /** Made on the unit's thread, whose MDC the lines carry. */
    public static FeedReader.Progress of(StreamActivity activity, Path file, long everyMillis) {
        return new ProgressLog(activity, file, everyMillis);
    }

    @Override
    public void at(long lines, long fileBytes) {
        this.lines = lines;
        this.bytes = fileBytes;
        activity.progress(lines);
        log("");
    }

    @Override
    public void waiting(long millis) {
        activity.waiting(lines, millis);
        if (millis > 0) {
            // a wait under a second is the ordinary pace of the database taking batches; past it, the line says so
            log(millis < 1000 ? "" : "; waiting " + millis / 1000 + " s for the database");
        }
    }

    private void log(String suffix) {
        long now = System.currentTimeMillis();
        if (now - logged < everyMillis) {
            return;
        }
        logged = now;
        if (mdc != null) {
            MDC.setContextMap(mdc);
        }
        // the rate JMX and the dashboard show, since the unit started: one figure wherever an operator looks
        LOG.info("{}: {} rows read, {} rows/s, {}% of the file{}", file.getFileName(), lines,
                Math.round(activity.rowsPerSecond()), size > 0 ? Math.min(100, bytes * 100 / size) : 0, suffix);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
