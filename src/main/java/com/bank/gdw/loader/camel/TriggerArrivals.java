package com.bank.gdw.loader.camel;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.unit.UnitResult;

/**
 * The trigger files a stream's file drop has seen in landing (routes/stream-routes.yaml, keyed by {@link #KEY}: name,
 * size and modification time): a trigger waiting there starts one run, not one per poll. Once a unit has taken its trigger out
 * of landing for good (archived, or to error/), the name is forgotten, so the same name arriving again starts a run
 * again, even when it has the size and time of the first (an empty trigger copied with cp -p, sftp -p or rsync -t).
 * A trigger put back into landing (an infrastructure failure) stays known: the sweep retries it, at its own pace.
 */
public final class TriggerArrivals extends MemoryIdempotentRepository implements RunListener {

    /** The file drop's idempotent key (a Simple expression, the template's arrivalKey): the name first, then a dash. */
    static final String KEY = "${file:name}-${file:size}-${file:modified}";

    private final StreamDefinition stream;

    public TriggerArrivals(StreamDefinition stream) {
        this.stream = stream;
    }

    @Override
    public void unitEnded(StreamDefinition s, UnitResult result, Duration took) {
        Path trigger = result.unit().triggerFile();
        if (s.code().equals(stream.code()) && trigger != null && !Files.exists(trigger, LinkOption.NOFOLLOW_LINKS)) {
            forget(trigger.getFileName().toString());
        }
    }

    /** Forgets every sighting of the trigger file of that name (its keys begin with the name and a dash: {@link #KEY}). */
    void forget(String triggerName) {
        Map<String, Object> seen = getCache();
        if (seen == null) {
            return;   // not started: the file drop has seen nothing yet
        }
        List<String> keys = seen.keySet().stream().filter(k -> k.startsWith(triggerName + "-")).toList();
        keys.forEach(this::remove);
    }
}
