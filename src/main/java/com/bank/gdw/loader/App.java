package com.bank.gdw.loader;

import org.apache.camel.main.Main;

import sun.misc.Signal;

/** The long-running integration container: file and schedule triggers, JMX and HTTP, until SIGTERM. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        // SIGTERM (docker stop, Kubernetes, systemd) and SIGINT end the run the way Camel's own hook would, but as a
        // return from run(): the JVM's default answer to the signal is exit code 143 or 130, documented nowhere, where
        // a stop is 0 (README, exit codes). The unit in flight still finishes within loader.shutdown.timeout-seconds.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> main.completed());
        }
        main.run(args);
    }
}
