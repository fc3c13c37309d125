package com.bank.gdw.loader.dcf;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Puts the DCF tables and the files right after an instance died: done by the holder of the stream's lease before it
 * runs, when any other run of the stream must be dead. RUNNING runs and units become ABANDONED, file moves written down
 * but not done are finished (a committed unit's archive), claims a crash interrupted are settled, and the files of
 * units that ended without an outcome go from inprocess back to landing, so the next run loads them again (or to
 * error when a newer file of the same name arrived meanwhile). No file is ever lost on the way.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** What recovery found; {@code archived}: the files of committed units whose archive it finished, in move order. */
    public record Report(int runsAbandoned, int unitsAbandoned, int movesFinished, int filesReturned, List<Archived> archived) {
        public Report {
            archived = List.copyOf(archived);
        }

        public boolean isEmpty() {
            return runsAbandoned == 0 && unitsAbandoned == 0 && movesFinished == 0 && filesReturned == 0;
        }
    }

    /** A file recovery moved into the archive: of which unit (process instance, unit name, business date), and where to. */
    public record Archived(long processId, String unit, LocalDate businessDate, Path file) { }

    private final ControlTables dcf;
    private final Path error;

    /** @param error the error directory, for a returned file a newer one of its name superseded */
    public Recovery(ControlTables dcf, Path error) {
        this.dcf = dcf;
        this.error = error;
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

    /** Whether the stream has moves written down but not done, or claimed files no run has moved on: work for {@link #recover}. */
    public boolean hasWork(StreamDefinition stream) {
        return dcf.jdbi().withHandle(h -> dcf.moves().anyPendingOrOpenClaim(h, stream.id()));
    }

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
        List<Archived> archived = new ArrayList<>();
        for (FileMoves.Move m : dcf.jdbi().withHandle(h -> dcf.moves().pending(h, stream.id()))) {
            try {
                if (m.destination() == FileMoves.Destination.INPROCESS) {
                    dcf.moves().settleClaim(dcf.jdbi(), m, dcf.lease());
                } else if (m.destination() == FileMoves.Destination.LANDING) {
                    dcf.moves().finishReturn(dcf.jdbi(), m, error, dcf.lease());
                } else {
                    FileMoves.LineageFacts facts = dcf.jdbi().withHandle(h -> dcf.moves().factsOf(h, m.processId(), stream.targetTable()));
                    if (dcf.moves().execute(dcf.jdbi(), m, facts, dcf.lease()) != null && m.destination() == FileMoves.Destination.ARCHIVE) {
                        String unit = dcf.jdbi().withHandle(h -> dcf.processes().find(h, m.processId()).map(UnitRecord::unit)
                                .orElse("?"));
                        archived.add(new Archived(m.processId(), unit, facts.businessDate(), m.target()));
                    }
                }
                moves++;
            } catch (FileMoves.RefusedException e) {
                // recorded REFUSED with its reason and reported; the file stays for an operator to look at
            }
        }
        int returned = 0;
        for (FileMoves.Move claim : dcf.jdbi().withHandle(h -> dcf.moves().openClaims(h, stream.id()))) {
            try {
                dcf.moves().returnToLanding(dcf.jdbi(), claim, error, dcf.lease());
                returned++;
            } catch (FileMoves.RefusedException e) {
                // recorded REFUSED and reported; the file stays in inprocess
            }
        }
        Report r = new Report(abandoned[0], abandoned[1], moves, returned, archived);
        if (!r.isEmpty()) {
            String text = "put right what an earlier run left undone: " + r.runsAbandoned() + " run(s) and " + r.unitsAbandoned()
                    + " unit(s) ABANDONED, " + r.movesFinished() + " file move(s) finished, " + r.filesReturned()
                    + " claimed file(s) returned from inprocess";
            LOG.warn("{}: {}", stream.name(), text);
            dcf.jdbi().useTransaction(h -> dcf.log().write(h, ExecLog.Entry.stream(stream.id(), stream.name(), null,
                    ExecLog.Level.WARN, text, null)));
        }
        return r;
    }
}
