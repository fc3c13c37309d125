package com.bank.gdw.loader.load;

import com.bank.gdw.loader.feed.RecordBatch;

/** The accepted records of a file, batch by batch, as a writer consumes them. */
public interface BatchSource {

    /** The next full batch, or null when the file is done; rethrows a failure of the reading side. */
    RecordBatch next() throws InterruptedException;

    /** Hands a consumed batch back for reuse. */
    void recycle(RecordBatch batch);
}
