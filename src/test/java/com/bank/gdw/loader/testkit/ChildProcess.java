package com.bank.gdw.loader.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run to its end as its own process, as a scheduler starts it, its stdout and stderr kept apart in files. */
public final class ChildProcess {

    /** How a command ended: its exit code, and what it printed on stdout and on stderr. */
    public record Ended(int exitCode, String out, String err) {

        /** Both streams, for assertion messages and for what may be printed on either. */
        public String output() {
            return out + err;
        }
    }

    private ChildProcess() {
    }

    public static Ended run(Path logDir, List<String> command) throws IOException, InterruptedException {
        return run(logDir, command, Map.of());
    }

    /**
     * Runs {@code command} in {@code logDir}, where its output files go, with {@code env} added to this process's
     * environment; at most 5 minutes.
     */
    public static Ended run(Path logDir, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "out", ".txt");
        Path err = Files.createTempFile(logDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(logDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not end in 5 minutes: " + String.join(" ", command));
        }
        return new Ended(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
