package com.bank.gdw.loader.lineage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;

import com.bank.gdw.loader.camel.RunListener;
import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.unit.UnitResult;
import com.bank.gdw.loader.dcf.LineageLedger;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Writes the OpenLineage events of each unit and run to the outbox when it ends (START with its real start time, then
 * its terminal event), so the lineage-delivery route sends them later with retries and a down endpoint never touches a
 * load. Events are written at the end because the listener is told of ends only: the order and times are those of the run.
 */
public final class LineageListener implements RunListener {

    private final LineageLedger ledger;
    private final LineageEvents events;
    private final String targetJdbcUrl;

    public LineageListener(LineageLedger ledger, LineageEvents events, String targetJdbcUrl) {
        this.ledger = ledger;
        this.events = events;
        this.targetJdbcUrl = targetJdbcUrl;
    }

    @Override
    public void unitEnded(StreamDefinition stream, UnitResult result, Duration took) {
        Instant ended = Instant.now();
        Path loadFile = result.unit().loadFile();
        Long runId = ledger.runOf(result.processId()).orElse(null);
        if (runId == null) {
            return;
        }
        Long size = loadFile == null ? null : sizeOf(loadFile, result.processId());
        var lineage = new LineageEvents.UnitLineage(stream, result, runId, ended.minus(took == null ? Duration.ZERO : took), ended,
                loadFile == null ? null : DatasetNames.file(loadFile), size, DatasetNames.table(targetJdbcUrl, stream.targetTable()));
        write(stream, runId, events.unit(lineage));
    }

    @Override
    public void runEnded(StreamDefinition stream, RunOutcome outcome, Duration took) {
        if (outcome.refused() || outcome.runId() == null || took == null) {
            return;
        }
        Instant ended = Instant.now();
        write(stream, outcome.runId(), events.streamRun(stream, outcome.runId(), outcome.businessDate(), outcome.status(),
                outcome.message(), ended.minus(took), ended));
    }

    private void write(StreamDefinition stream, long runId, List<OpenLineage.RunEvent> runEvents) {
        ledger.add(stream, runId, runEvents.stream().map(OpenLineageClientUtils::toJson).toList());
    }

    /**
     * The file's size: as the unit's claim recorded it (what was loaded, whatever lies in landing under that name now),
     * else where it is now: still in the landing folder, or where the unit's file moves took it.
     */
    private Long sizeOf(Path loadFile, long processId) {
        Optional<Long> claimed = ledger.claimedSize(processId, loadFile);
        if (claimed.isPresent()) {
            return claimed.get();
        }
        Optional<Long> here = size(loadFile);
        if (here.isPresent()) {
            return here.get();
        }
        return ledger.movedTo(processId, loadFile).stream().map(LineageListener::size).flatMap(Optional::stream).findFirst().orElse(null);
    }

    private static Optional<Long> size(Path p) {
        try {
            return Optional.of(Files.size(p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
