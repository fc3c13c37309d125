package com.bank.gdw.loader.camel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.unit.UnitResult;

/** The listeners of the loader, told in turn; one that fails is logged and never breaks a load. */
public final class RunListeners implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunListeners.class);

    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

    public void add(RunListener listener) {
        listeners.add(listener);
    }

    public void remove(RunListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void unitEnded(StreamDefinition stream, UnitResult result, Duration took) {
        tellEach("a unit end", l -> l.unitEnded(stream, result, took));
    }

    @Override
    public void runEnded(StreamDefinition stream, RunOutcome outcome, Duration took) {
        tellEach("a run end", l -> l.runEnded(stream, outcome, took));
    }

    private void tellEach(String event, Consumer<RunListener> call) {
        for (RunListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("run listener {} failed on {}: {}", l.getClass().getSimpleName(), event, e.toString());
            }
        }
    }
}
