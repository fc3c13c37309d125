package com.bank.gdw.loader.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.bank.gdw.loader.stream.StreamDefinition;

/** What every stream is doing right now in this instance, by stream code: one StreamActivity each, made on first use. */
public final class StreamActivities {

    private final Map<String, StreamActivity> byCode = new ConcurrentHashMap<>();

    public StreamActivity of(String streamCode) {
        return byCode.computeIfAbsent(streamCode, k -> new StreamActivity());
    }

    public StreamActivity of(StreamDefinition stream) {
        return of(stream.code());
    }
}
