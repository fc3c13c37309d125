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
    private int failStatus;
    private String failBody;
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
                    int status;
                    String answer;
                    synchronized (this) {
                        refused = refuse > 0 || failStatus > 0;
                        if (refuse > 0) {
                            refuse--;
                        } else if (!refused) {
                            bodies.add(body);
                        }
                        status = failStatus > 0 ? failStatus : refused ? 400 : 201;
                        answer = failStatus > 0 ? failBody : null;
                    }
                    if (answer == null) {
                        exchange.sendResponseHeaders(status, -1);
                    } else {
                        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(status, bytes.length);
                        exchange.getResponseBody().write(bytes);
                    }
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

    /** Every event from now on is answered with this status and body, and not kept: a broken or hostile endpoint. */
    public synchronized LineageReceiver failing(int status, String body) {
        failStatus = status;
        failBody = body;
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
