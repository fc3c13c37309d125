package com.bank.gdw.loader.cli;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import com.bank.gdw.loader.App;
import com.bank.gdw.loader.camel.CamelErrors;
import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.camel.ProcessRole;

/** A short-lived Camel for the one-shot commands: same configuration as serve, without triggers or servers. */
final class CamelSession implements AutoCloseable {

    private final Main main;

    private CamelSession(Main main) {
        this.main = main;
    }

    /** Starts it; refused at once (exit 4) while a running serve holds the embedded database file. */
    static CamelSession start() {
        LoaderProperties props = LoaderProperties.load();
        // before Camel: a bad value must leave no directory, database or log configuration behind
        SettingsCheck.require(props, key -> true);
        // its pool would wait for connections DuckDB refuses at once (the command failed with exit 1 after some 35 s),
        // and a schema a newer loader migrated is one this build does not know
        DcfStartCheck.require(props);
        // a target table with other columns would fail the load late, after a run was opened
        TargetTableCheck.require(props);
        Main main = new Main();
        // no triggers, schedules, outbox or remote JMX (the serving instance may hold its port), whatever the
        // environment says: the routes and beans ask the role, which no property can change
        main.bind(ProcessRole.BEAN, ProcessRole.ONE_SHOT);
        // Camel's own HTTP servers (routes, management) off, and Camel main not to take camel.* keys from system
        // properties or CAMEL_* variables, which would outrank this (the loader's keys still come from the environment)
        main.addOverrideProperty("camel.server.enabled", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.configure().setAutoConfigurationSystemPropertiesEnabled(false);
        main.configure().setAutoConfigurationEnvironmentVariablesEnabled(false);
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
