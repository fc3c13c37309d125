package com.bank.gdw.loader.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import com.bank.gdw.loader.App;

/** The long-running container: file and schedule triggers, JMX, HTTP; stops on SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run as the long-running integration container until SIGTERM (the default command).")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try {
            App.main(new String[0]);
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
