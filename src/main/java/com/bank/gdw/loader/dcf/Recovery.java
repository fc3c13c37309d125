package com.bank.gdw.loader.dcf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
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

    /** The failure notice of a run whose instance died: what it had done, in the run summary's terms. */
    private String notice(Handle h, StreamDefinition stream, RunRecord run) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("stream_name", stream.name());
        n.put("stream_id", stream.id());
        n.put("processing_date", run.businessDate().toString());
        n.put("batch_id", run.batchId());
        n.put("run_id", run.id());
        n.put("status", RunStatus.ABANDONED.name());
        n.put("error", "the instance running it (" + run.host() + ") ended during the run; its unfinished unit is loaded again by the next run");
        n.put("units", dcf.processes().ofRun(h, run.id()).stream()
                .map(u -> Map.of("file_name", u.fileName(), "unit", u.unit(), "process_id", u.id(), "status", u.status().name())).toList());
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public Report recover(StreamDefinition stream) {
        int[] abandoned = dcf.jdbi().inTransaction(h -> {
            dcf.lease().fence(h, stream.id());
            List<RunRecord> runs = dcf.runs().running(h, stream.id());
            int units = dcf.processes().abandonRunning(h, stream.id());
            dcf.runs().abandonRunning(h, stream.id());
            for (RunRecord run : runs) {
                dcf.outbox().add(h, Outbox.Type.LOAD_FAILURE, stream.id(), stream.name(), run.id(), notice(h, stream, run), null);
            }
            return new int[] {runs.size(), units};
        });
        int moves = 0;
        for (FileMoves.Move m : dcf.jdbi().withHandle(h -> dcf.moves().pending(h, stream.id()))) {
            FileMoves.LineageFacts facts = dcf.jdbi().withHandle(h -> dcf.moves().factsOf(h, m.processId(), stream.targetTable()));
            dcf.moves().execute(dcf.jdbi(), m, facts, dcf.lease());
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
