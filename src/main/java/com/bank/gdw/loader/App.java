package com.bank.gdw.loader;

import org.apache.camel.main.Main;

/** The long-running integration container: file and schedule triggers, JMX and HTTP, until SIGTERM. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        new Main().run(args);
    }
}
