package com.bank.gdw.loader.dcf;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Puts the DCF tables right after an instance died: done by the holder of the stream's lease before it runs, when
 * any other run of the stream must be dead. RUNNING runs and units become ABANDONED (their files are still in
 * landing, so the next run loads them again) and file moves written down but not done are finished.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** What recovery found. */
    public record Report(int runsAbandoned, int unitsAbandoned, int movesFinished) {
        public boolean isEmpty() {
            return runsAbandoned == 0 && unitsAbandoned == 0 && movesFinished == 0;
        }
    }

    private final ControlTables dcf;

    public Recovery(ControlTables dcf) {
        this.dcf = dcf;
    }

    public Report recover(StreamDefinition stream) {
        int[] abandoned = dcf.jdbi().inTransaction(h -> new int[] {
            dcf.runs().abandonRunning(h, stream.id()), dcf.processes().abandonRunning(h, stream.id())
        });
        int moves = 0;
        for (FileMoves.Move m : dcf.jdbi().withHandle(h -> dcf.moves().pending(h, stream.id()))) {
            FileMoves.LineageFacts facts = dcf.jdbi().withHandle(h -> dcf.moves().factsOf(h, m.processId(), stream.targetTable()));
            dcf.moves().execute(dcf.jdbi(), m, facts);
            moves++;
        }
        Report r = new Report(abandoned[0], abandoned[1], moves);
        if (!r.isEmpty()) {
            String text = "recovered after an instance ended: " + r.runsAbandoned() + " run(s) and " + r.unitsAbandoned()
                    + " unit(s) ABANDONED, " + r.movesFinished() + " file move(s) finished";
            LOG.warn("{}: {}", stream.name(), text);
            dcf.jdbi().useTransaction(h -> dcf.log().write(h, ExecLog.Entry.stream(stream.id(), stream.name(), null,
                    ExecLog.Level.WARN, text, null)));
        }
        return r;
    }
}
