package com.bank.gdw.loader.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) on a fixed free port of 127.0.0.1 that can go down and come back on the same port,
 * or hang there (accept connections and never answer), with the mails it received read back as plain values.
 */
public final class SmtpCatcher implements AutoCloseable {

    /** A received mail: one per message, however many recipients it had. */
    public record Mail(String subject, String from, List<String> to, String text, Map<String, String> attachments) {

        public String attachment(String name) {
            return attachments.get(name);
        }
    }

    private final int port;
    private final String protocol;
    private final GreenMailConfiguration configuration;
    private GreenMail server;
    private ServerSocket hung;
    private final List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    private SmtpCatcher(String protocol, GreenMailConfiguration configuration) {
        this.port = FreePorts.next();
        this.protocol = protocol;
        this.configuration = configuration;
    }

    /** Plain SMTP, not started. */
    public static SmtpCatcher smtp() {
        return new SmtpCatcher(ServerSetup.PROTOCOL_SMTP, GreenMailConfiguration.aConfig());
    }

    /** SMTP over TLS (GreenMail's self-signed certificate) with one login, not started. */
    public static SmtpCatcher smtps(String user, String password) {
        return new SmtpCatcher(ServerSetup.PROTOCOL_SMTPS, GreenMailConfiguration.aConfig().withUser(user, password));
    }

    public int port() {
        return port;
    }

    /**
     * Starts the server on its port. The port may be briefly unavailable after {@link #hang} (connections this side
     * closed linger in TIME_WAIT) or {@link #down}, and a busy machine starts GreenMail slowly: tries for up to 30 s.
     */
    public synchronized SmtpCatcher up() {
        unhang();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (server == null) {
            ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
            setup.setServerStartupTimeout(10_000);
            GreenMail candidate = new GreenMail(setup).withConfiguration(configuration);
            try {
                candidate.start();
                server = candidate;
            } catch (IllegalStateException e) {
                candidate.stop();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        return this;
    }

    /** The server goes away and its port accepts connections that never get a greeting: a hung mail server. */
    public synchronized void hang() {
        down();
        try {
            hung = new ServerSocket();
            hung.setReuseAddress(true);
            hung.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSocket socket = hung;
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    java.net.Socket c = socket.accept();
                    c.setSoLinger(true, 0);   // closed with a reset: no TIME_WAIT left on the port for GreenMail
                    held.add(c);
                } catch (IOException e) {
                    return;
                }
            }
        }, "smtp-hang");
        t.setDaemon(true);
        t.start();
    }

    /** How many connections the hung server has accepted (each an attempt to send that is waiting for its timeout). */
    public int hungConnections() {
        return held.size();
    }

    private void unhang() {
        if (hung != null) {
            try {
                hung.close();
                for (java.net.Socket c : held) {
                    c.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            held.clear();
            hung = null;
        }
    }

    /** The server goes away; what it received so far is forgotten. */
    public synchronized void down() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Every mail received since the server last came up. */
    public synchronized List<Mail> mails() {
        if (server == null) {
            return List.of();
        }
        Map<String, Mail> byId = new LinkedHashMap<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            try {
                byId.putIfAbsent(Objects.requireNonNullElse(m.getMessageID(), String.valueOf(byId.size())), read(m));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("cannot read a received mail: " + e.getMessage(), e);
            }
        }
        return List.copyOf(byId.values());
    }

    /** The mails carrying an attachment of this name. */
    public List<Mail> mailsWithAttachment(String name) {
        return mails().stream().filter(m -> m.attachments().containsKey(name)).toList();
    }

    private static Mail read(MimeMessage m) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder();
        Map<String, String> attachments = new LinkedHashMap<>();
        collect(m, text, attachments);
        List<String> to = Arrays.stream(Objects.requireNonNullElse(m.getRecipients(Message.RecipientType.TO), new jakarta.mail.Address[0]))
                .map(Object::toString).toList();
        return new Mail(m.getSubject(), m.getFrom()[0].toString(), to, text.toString(), attachments);
    }

    private static void collect(Part p, StringBuilder text, Map<String, String> attachments) throws MessagingException, IOException {
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                collect(part, text, attachments);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || p.getFileName() != null) {
            attachments.put(p.getFileName(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } else if (p.isMimeType("text/*")) {
            text.append(p.getContent());
        }
    }

    @Override
    public synchronized void close() {
        unhang();
        down();
    }
}
