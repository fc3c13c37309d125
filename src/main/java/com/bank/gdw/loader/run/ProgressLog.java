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
 * reader's thread, with the unit's MDC) every {@code everyMillis}.
 */
public final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private ProgressLog() {
    }

    public static FeedReader.Progress of(StreamActivity activity, Path file, long everyMillis) {
        long size = sizeOf(file);
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        long[] last = {System.currentTimeMillis()};
        long begin = last[0];
        return (lines, bytes) -> {
            activity.progress(lines);
            long now = System.currentTimeMillis();
            if (now - last[0] >= everyMillis) {
                last[0] = now;
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                LOG.info("{}: {} rows read, {} rows/s, {}% of the file", file.getFileName(), lines,
                        Math.round(lines * 1000.0 / Math.max(1, now - begin)), size > 0 ? Math.min(100, bytes * 100 / size) : 0);
            }
        };
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
