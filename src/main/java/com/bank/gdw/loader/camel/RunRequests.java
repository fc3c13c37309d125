package com.bank.gdw.loader.camel;

import java.nio.file.Path;
import java.util.List;

import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.stream.FileName;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.UnitDiscovery;

/** Turns trigger events into run requests: a dropped trigger file, or a sweep of the landing directory. */
public final class RunRequests {

    private final StreamCatalog streams;
    private final Path landing;

    public RunRequests(StreamCatalog streams, Path landing) {
        this.streams = streams;
        this.landing = landing;
    }

    /** The run request a dropped trigger file makes (the file consumer only passes valid trigger names). */
    public RunRequest fileDropped(String stream, String fileName) {
        FileName fn = streams.get(stream).files().classify(fileName);
        if (!(fn instanceof FileName.Trigger t)) {
            throw new IllegalArgumentException(fileName + " is not a trigger file of " + stream);
        }
        return RunRequest.of(t.businessDate(), TriggerType.FILE);
    }

    /** The requests of trigger files that arrived together: one per business date, oldest first. */
    public List<RunRequest> oldestFirst(List<RunRequest> dropped) {
        return dropped.stream().map(RunRequest::businessDate).distinct().sorted()
                .map(d -> RunRequest.of(d, TriggerType.FILE)).toList();
    }

    /** One request per business date that has a trigger file, oldest first. */
    public List<RunRequest> sweep(String stream) {
        return new UnitDiscovery(streams.get(stream), landing).list().dates().stream()
                .map(d -> RunRequest.of(d, TriggerType.SCHEDULE)).toList();
    }
}
