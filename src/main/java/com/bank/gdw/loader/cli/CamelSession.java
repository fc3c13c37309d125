package com.bank.gdw.loader.cli;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import com.bank.gdw.loader.App;
import com.bank.gdw.loader.camel.CamelErrors;
import com.bank.gdw.loader.camel.Loader;

/** A short-lived Camel for the one-shot commands: same configuration as serve, without triggers or servers. */
final class CamelSession implements AutoCloseable {

    private final Main main;

    private CamelSession(Main main) {
        this.main = main;
    }

    static CamelSession start() {
        Main main = new Main();
        main.addOverrideProperty("loader.triggers.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "false");
        // the serving instance may hold the remote JMX port; a one-shot command never opens it
        main.addOverrideProperty("loader.jmx.remote.enabled", "false");
        main.addOverrideProperty("loader.outbox.enabled", "false");
        main.addOverrideProperty("loader.housekeeping.enabled", "false");
        main.addOverrideProperty("loader.late-feeds.enabled", "false");
        try {
            main.start();
        } catch (Exception e) {
            throw new ConfigurationException("cannot start: " + CamelErrors.rootMessage(e), e);
        }
        return new CamelSession(main);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    /** The one loader LoaderConfiguration bound (found by its type). */
    Loader loader() {
        return context().getRegistry().findSingleByType(Loader.class);
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            // stopping a one-shot command
        }
    }
}
