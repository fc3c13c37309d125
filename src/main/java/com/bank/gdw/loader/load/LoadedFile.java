package com.bank.gdw.loader.load;

import com.bank.gdw.loader.feed.FeedReader;
import com.bank.gdw.loader.feed.FeedStatistics;
import com.bank.gdw.loader.feed.Reject;
import com.bank.gdw.loader.feed.Spool;

/** A file streamed into the target, not yet committed: its figures and its rejects, until closed. */
public final class LoadedFile implements AutoCloseable {

    private final FeedReader reader;
    private final long rowsWritten;
    private final TargetLoad load;

    LoadedFile(FeedReader reader, long rowsWritten, TargetLoad load) {
        this.reader = reader;
        this.rowsWritten = rowsWritten;
        this.load = load;
    }

    public FeedStatistics statistics() {
        return reader.statistics();
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    public Spool<Reject> rejects() {
        return reader.rejects();
    }

    /** The first rejects as one-line messages (file, line, column, reason), for the log. */
    public String firstRejectMessages() {
        return reader.firstRejectMessages();
    }

    /** The load as finally done (staging when a direct write met another unit's key). */
    public TargetLoad load() {
        return load;
    }

    @Override
    public void close() {
        reader.close();
    }
}
