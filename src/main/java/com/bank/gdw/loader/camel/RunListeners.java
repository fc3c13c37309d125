package com.bank.gdw.loader.camel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.stream.StreamDefinition;

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
        for (RunListener l : listeners) {
            try {
                l.unitEnded(stream, result, took);
            } catch (RuntimeException e) {
                LOG.warn("run listener {} failed on a unit end: {}", l.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public void runEnded(StreamDefinition stream, RunOutcome outcome, Duration took) {
        for (RunListener l : listeners) {
            try {
                l.runEnded(stream, outcome, took);
            } catch (RuntimeException e) {
                LOG.warn("run listener {} failed on a run end: {}", l.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
