package com.bank.gdw.loader.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The Snowflake emulator of the SNOWFLAKE end-to-end tests: ONE fakesnow HTTP server per test JVM on 127.0.0.1 at a
 * free port, started on first use and stopped when the JVM exits. The unmodified snowflake-jdbc driver talks to it.
 * fakesnow is installed (pinned, into a cache folder) by {@code .ci/fakesnow}, which this runs first; it is quick when
 * the install is there. {@code src/test/fakesnow/gdw_fakesnow.py} starts the server with the patches listed in
 * docs/snowflake.md ("Emulator gaps").
 */
public final class SnowflakeEmulator {

    public static final String USER = "fake";
    public static final String PASSWORD = "snow";

    private static int port;
    private static Process server;

    private SnowflakeEmulator() {
    }

    /** A JDBC URL of the database {@code db} on the emulator (database and schema PUBLIC created on connect). */
    public static synchronized String url(String db) {
        return "jdbc:snowflake://127.0.0.1:" + port() + "/?account=fakesnow&ssl=off&db=" + db + "&schema=PUBLIC"
                + "&user=" + USER + "&password=" + PASSWORD + "&JDBC_QUERY_RESULT_FORMAT=JSON";
    }

    /**
     * A name for a new, empty database: fakesnow cannot drop a database (docs/snowflake.md, "Emulator gaps"), so a
     * test class that asks twice gets a new one each time; they live in the server's memory until the JVM exits.
     */
    public static String freshDatabase(String name) {
        return name.toUpperCase(java.util.Locale.ROOT) + "_" + DATABASES.incrementAndGet();
    }

    private static final java.util.concurrent.atomic.AtomicInteger DATABASES = new java.util.concurrent.atomic.AtomicInteger();

    private static synchronized int port() {
        if (server == null) {
            start();
        }
        return port;
    }

    private static void start() {
        try {
            String python = System.getProperty("test.fakesnow.python");
            if (python == null || python.isBlank()) {
                Process install = new ProcessBuilder("bash", ".ci/fakesnow").redirectError(ProcessBuilder.Redirect.INHERIT).start();
                python = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (install.waitFor() != 0) {
                    throw new IllegalStateException(".ci/fakesnow could not install the Snowflake emulator (see its output)");
                }
            }
            int p = FreePorts.next();
            Path log = Path.of("target", "fakesnow-" + p + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(python, "src/test/fakesnow/gdw_fakesnow.py", Integer.toString(p))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "fakesnow-stop"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!listening(p)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroy();
                    throw new IllegalStateException("the Snowflake emulator did not start: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
            port = p;
            server = process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int p) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", p), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
