package com.bank.gdw.loader.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import com.bank.gdw.loader.App;
import com.bank.gdw.loader.camel.CamelErrors;

/** The long-running container: file and schedule triggers, JMX, HTTP; stops on SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run as the long-running integration container until SIGTERM (the default command).")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // before Camel: a bad value must leave no directory, database or log configuration behind
        LoaderProperties props = LoaderProperties.load();
        SettingsCheck.require(props, key -> true);
        // and Camel's HTTP server would log a failed bind and start without it
        HttpPortCheck.check(props);
        // a second serve on the same embedded file would start its routes and HTTP server, then wait for the database
        // for ever: refused at once (exit 4), as run, replay and release-lock are; so is a schema a newer loader
        // migrated (exit 2)
        DcfStartCheck.require(props);
        // a target table with other columns would fail every load; the set-up checks again once the database answers
        TargetTableCheck.require(props);
        try {
            App.main(new String[0]);
            return 0;
        } catch (Exception e) {
            // Camel wraps what the beans refused ("Error during post processing of bean"): the cause is the message
            throw new ConfigurationException("cannot start: " + CamelErrors.rootMessage(e), e);
        }
    }
}
