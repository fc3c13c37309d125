package com.bank.gdw.loader.camel;

import com.bank.gdw.loader.dcf.LeaseKeeper;
import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.dcf.RunLedger;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Finishes, between runs, what a run left undone: file moves written down but not done (an archive broken off by a
 * lost connection or a full disk, which stops the run), and files still in inprocess of units that ended without an
 * outcome. A run does this first thing (RunOpen); the sweep asks here too, so that a serve puts it right by itself
 * instead of waiting for a new file of the stream or a restart. Only when there is such work and no run holds the
 * stream's lease, which this takes for the while: a run of another instance, or of this one, is never disturbed.
 */
public final class IdleRecovery {

    private final StreamCatalog streams;
    private final RunLedger ledger;
    private final Recovery recovery;
    private final LeaseKeeper keeper;
    private final DatabaseSetup setup;

    public IdleRecovery(StreamCatalog streams, RunLedger ledger, Recovery recovery, LeaseKeeper keeper, DatabaseSetup setup) {
        this.streams = streams;
        this.ledger = ledger;
        this.recovery = recovery;
        this.keeper = keeper;
        this.setup = setup;
    }

    /** Puts right what runs of the stream left undone, if anything and if no run holds the stream; else nothing. */
    public void recover(String streamCode) {
        StreamDefinition stream = streams.get(streamCode);
        if (!setup.isReady() || !recovery.hasWork(stream) || !ledger.acquire(stream, !keeper.keeps(stream.id()))) {
            return;
        }
        try {
            recovery.recover(stream);
        } finally {
            ledger.release(stream);
        }
    }
}
