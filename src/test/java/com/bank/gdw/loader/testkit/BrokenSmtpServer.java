package com.bank.gdw.loader.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on 127.0.0.1 that fails in one chosen way (a plain ServerSocket, one connection at a time): it refuses
 * with its greeting, or takes the mail's envelope and closes the connection in the middle of DATA.
 */
public final class BrokenSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    private BrokenSmtpServer(Conversation conversation) {
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket c = socket.accept()) {
                    connections.incrementAndGet();
                    conversation.hold(new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII)),
                            c.getOutputStream());
                } catch (IOException e) {
                    // the client went away, or the server was closed: the next connection, if any
                }
            }
        }, "broken-smtp");
        t.setDaemon(true);
        t.start();
    }

    private interface Conversation {
        void hold(BufferedReader in, OutputStream out) throws IOException;
    }

    /** Answers each connection with this greeting (CRLF added) and closes it. */
    public static BrokenSmtpServer refusingWith(String greeting) {
        return new BrokenSmtpServer((in, out) -> say(out, greeting));
    }

    /** Greets, accepts EHLO, MAIL and RCPT, answers DATA with 354, and closes the connection at the mail's first line. */
    public static BrokenSmtpServer closingDuringData() {
        return new BrokenSmtpServer((in, out) -> {
            say(out, "220 broken ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.toUpperCase().startsWith("DATA")) {
                    say(out, "354 go ahead");
                    in.readLine();
                    return;
                }
                say(out, line.toUpperCase().startsWith("QUIT") ? "221 bye" : "250 ok");
            }
        });
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many connections the server has taken so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
