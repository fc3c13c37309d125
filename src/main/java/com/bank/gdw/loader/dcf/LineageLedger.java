package com.bank.gdw.loader.dcf;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * What the OpenLineage events of a unit or run read from and write to the DCF tables: the run of a process instance,
 * the load file's size as its claim recorded it and where its moves took it, and the events themselves, written to
 * the outbox in one transaction for the lineage-delivery route.
 */
public final class LineageLedger {

    private final ControlTables dcf;

    public LineageLedger(ControlTables dcf) {
        this.dcf = dcf;
    }

    /** The run of a process instance, if it is recorded. */
    public Optional<Long> runOf(long processId) {
        return dcf.jdbi().withHandle(h -> h.createQuery("SELECT STRM_INST_ID FROM DCF_T_PRCS_INST WHERE PRCS_INST_ID = :id")
                .bind("id", processId).mapTo(Long.class).findOne());
    }

    /** The size the unit's claim recorded for the file it took from {@code source}, if recorded. */
    public Optional<Long> claimedSize(long processId, Path source) {
        return dcf.jdbi().withHandle(h -> h.createQuery("SELECT FILE_SIZE FROM DCF_T_FILE_MOVE WHERE PRCS_INST_ID = :id "
                        + "AND SOURCE_PATH = :source AND DESTINATION = 'INPROCESS' AND FILE_SIZE IS NOT NULL")
                .bind("id", processId).bind("source", source.toString()).mapTo(Long.class).findFirst());
    }

    /** Where the unit's moves of the file at {@code source} took it. */
    public List<Path> movedTo(long processId, Path source) {
        return dcf.jdbi().withHandle(h -> h.createQuery("SELECT TARGET_PATH FROM DCF_T_FILE_MOVE WHERE PRCS_INST_ID = :id "
                        + "AND SOURCE_PATH = :source")
                .bind("id", processId).bind("source", source.toString()).mapTo(String.class).list())
                .stream().map(Path::of).toList();
    }

    /** The events of a run (JSON each), to the outbox in one transaction. */
    public void add(StreamDefinition stream, long runId, List<String> eventsJson) {
        dcf.jdbi().useTransaction(h -> {
            for (String json : eventsJson) {
                dcf.outbox().add(h, Outbox.Type.OPENLINEAGE_EVENT, stream.id(), stream.name(), runId, json, null);
            }
        });
    }
}
