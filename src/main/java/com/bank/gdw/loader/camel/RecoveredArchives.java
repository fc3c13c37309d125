package com.bank.gdw.loader.camel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.bank.gdw.loader.dcf.Recovery;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The archives recovery finished for a stream (a unit committed, its process killed while its files were archived),
 * kept from the recovery that finished them (at start-up, or as a run opens) until the next run of the stream takes
 * them into its outcome: a `run` of their date that finds no new file then ends 0, not 3 "no source data", and says
 * on stdout which files it archived. Only start-up and run recoveries add here, so nothing piles up in a serve.
 */
public final class RecoveredArchives {

    private final Map<Integer, List<Recovery.Archived>> byStream = new HashMap<>();

    /** Keeps what a recovery of the stream archived, for the stream's next run. */
    public synchronized void add(StreamDefinition stream, Recovery.Report report) {
        if (!report.archived().isEmpty()) {
            byStream.computeIfAbsent(stream.id(), k -> new ArrayList<>()).addAll(report.archived());
        }
    }

    /** What recoveries of the stream archived since its last run took it; forgotten here. */
    public synchronized List<Recovery.Archived> take(StreamDefinition stream) {
        List<Recovery.Archived> taken = byStream.remove(stream.id());
        return taken == null ? List.of() : List.copyOf(taken);
    }
}
