package com.bank.gdw.loader.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/** An OpenLineage HTTP endpoint in the test JVM (the JDK's HttpServer): keeps every POSTed body; can go down and up. */
public final class LineageReceiver implements AutoCloseable {

    static final String PATH = "/api/v1/lineage";

    private final int port = FreePorts.next();
    private final List<String> bodies = new ArrayList<>();
    private int refuse;
    private HttpServer server;

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized LineageReceiver up() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on " + port, e);
            }
            server.createContext(PATH, exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    boolean refused;
                    synchronized (this) {
                        refused = refuse > 0;
                        if (refused) {
                            refuse--;
                        } else {
                            bodies.add(body);
                        }
                    }
                    exchange.sendResponseHeaders(refused ? 400 : 201, -1);
                }
                exchange.close();
            });
            server.start();
        }
        return this;
    }

    public synchronized LineageReceiver down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        return this;
    }

    /** The next {@code n} events are answered 400 and not kept (the client retries a 5xx itself, not a 4xx). */
    public synchronized LineageReceiver refuseNext(int n) {
        refuse = n;
        return this;
    }

    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    public synchronized void clear() {
        bodies.clear();
    }

    @Override
    public void close() {
        down();
    }
}
