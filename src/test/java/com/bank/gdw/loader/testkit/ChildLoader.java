package com.bank.gdw.loader.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.bank.gdw.loader.cli.LoaderCommand;

/**
 * The loader in a JVM of its own (the test classpath, the real command line), so tests can kill it with SIGKILL,
 * stop it with SIGTERM, or run two of them side by side. Output goes to a log file next to its data directory.
 */
public final class ChildLoader implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildLoader(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code gdw-loader <args>} with the given system properties and environment. */
    /** Properties of a {@code serve} child that picks dropped files up quickly: no settle time, short polls, no sweep. */
    public static Map<String, String> quickServe(Path data) {
        Map<String, String> p = new java.util.HashMap<>();
        p.put("loader.data-dir", data.toString());
        p.put("loader.files.settle-ms", "0");
        p.put("loader.trigger.poll-delay-ms", "200");
        p.put("loader.trigger.quiet-period-ms", "300");
        p.put("loader.sweep.enabled", "false");
        return p;
    }

    /** Adds remote JMX on {@code port} (127.0.0.1) with the users of {@code passwordFile} to a child's properties. */
    public static Map<String, String> withRemoteJmx(Map<String, String> properties, int port, Path passwordFile) {
        properties.put("loader.jmx.remote.enabled", "true");
        properties.put("loader.jmx.remote.port", String.valueOf(port));
        properties.put("loader.jmx.remote.bind-address", "127.0.0.1");
        properties.put("loader.jmx.remote.password-file", passwordFile.toString());
        return properties;
    }

    public static ChildLoader start(Path log, Map<String, String> properties, Map<String, String> env, String... args) {
        return start(List.of(), classpath(), log, properties, env, args);
    }

    /** The test classpath without empty entries (an empty entry would put the working directory on the child's). */
    public static String classpath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Starts the loader behind a command prefix (e.g. setpriv to drop privileges) with an explicit classpath. */
    public static ChildLoader start(List<String> prefix, String classpath, Path log, Map<String, String> properties,
                                    Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED"); // the Snowflake emulator answers queries in Arrow (docs/snowflake.md)
        // the production logging (console), not the tests' file appender
        cmd.add("-Dlog4j2.configurationFile=classpath:log4j2.xml");
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(LoaderCommand.class.getName());
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, String.join(" ", cmd) + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            return new ChildLoader(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the file appears (a pause point reached, say); false when the child ended or time ran out first. */
    public boolean awaitFile(Path file, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (Files.exists(file)) {
                return true;
            }
            if (!process.isAlive()) {
                return Files.exists(file);
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** SIGKILL: no shutdown hook, no rollback, no cleanup. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: every thread of the JVM stands still, heartbeat included, as in a long GC pause or a frozen VM. */
    public void suspend() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: the JVM goes on where it stood. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM: the graceful shutdown path. */
    public void terminate() {
        process.destroy();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child loader did not end within " + timeout + "; log " + log);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
