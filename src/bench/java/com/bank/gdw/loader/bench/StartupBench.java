package com.bank.gdw.loader.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.FileNaming;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * What a scheduler pays per start: the wall time of {@code status}, of a {@code run} of a 1,000-row unit, and of
 * {@code serve} until readiness answers 200, each a fresh JVM as the scheduler starts it (the median of the rounds), and
 * the shipped size (the jar and its {@code lib/}). Printed against the targets of the start-up issue.
 */
final class StartupBench {

    private static final long UNIT_ROWS = 1_000;

    private final PrintStream out;
    private final Path work;
    private final List<String> jvmOptions;
    private final int rounds;

    StartupBench(PrintStream out, Path work, List<String> jvmOptions, int rounds) {
        this.out = out;
        this.work = work;
        this.jvmOptions = jvmOptions;
        this.rounds = rounds;
    }

    /** Measures against the embedded database ({@code dbUrl} null) or the given one; false when a command failed. */
    boolean measure(StreamDefinition s, String label, String dbUrl, String dbUser, String dbPassword, Runnable freshDatabase)
            throws Exception {
        Path dir = work.resolve("startup-" + label);
        List<Double> status = new ArrayList<>();
        List<Double> run = new ArrayList<>();
        List<Double> serve = new ArrayList<>();
        List<Double> statusCpu = new ArrayList<>();
        List<Double> runCpu = new ArrayList<>();
        String statusFailed = null;
        String runFailed = null;
        String serveFailed = null;
        for (int i = 0; i < rounds; i++) {
            Benchmark.deleteTree(dir);
            freshDatabase.run();
            Path landing = Files.createDirectories(dir.resolve("landing"));
            String unit = s.files().sampleUnits().get(0);
            new FeedGenerator(s).gzip(true).controlLine(true).generate(landing, unit, Benchmark.BUSINESS_DATE, UNIT_ROWS, 0);
            Map<String, String> env = env(dir, dbUrl, dbUser, dbPassword);
            Path runLog = dir.resolve("run.log");
            Timed r = command(env, runLog, "run", "--date", Benchmark.BUSINESS_DATE.format(FileNaming.BUSINESS_DATE));
            Path statusLog = dir.resolve("status.log");
            Timed st = command(env, statusLog, "status");
            runFailed = runFailed != null ? runFailed : r.failure(runLog);
            statusFailed = statusFailed != null ? statusFailed : st.failure(statusLog);
            run.add(r.seconds());
            status.add(st.seconds());
            runCpu.add(r.cpuSeconds());
            statusCpu.add(st.cpuSeconds());
            Path serveLog = dir.resolve("serve.log");
            double ready = serveReady(env, serveLog);
            if (Double.isNaN(ready) && serveFailed == null) {
                serveFailed = "never ready; see " + serveLog;
            }
            serve.add(ready);
        }
        print(label, "status", Benchmark.median(status), 3.0, "s", statusFailed);
        out.printf(Locale.ROOT, "  %-12s %-26s %8.2f s   (CPU of the process: on a busy machine wall time swings, CPU much less)%n",
                label, "status, CPU", Benchmark.median(statusCpu));
        print(label, "run of a 1,000-row unit", Benchmark.median(run), 5.0, "s", runFailed);
        out.printf(Locale.ROOT, "  %-12s %-26s %8.2f s%n", label, "run, CPU", Benchmark.median(runCpu));
        print(label, "serve until ready", Benchmark.median(serve), 3.0, "s", serveFailed);
        return statusFailed == null && runFailed == null && serveFailed == null;
    }

    /**
     * The loader's jar on the class path, the lib/ folder beside it and DuckDB's native library beside it (as the
     * image lays it out: docker/DuckDbLibraryBesideJar.java), in MB.
     */
    void printShippedSize() throws IOException {
        long bytes = 0;
        for (String entry : LoaderProcess.loaderClasspath().split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                bytes += Files.size(p);
                Path dir = p.toAbsolutePath().getParent();
                Path lib = dir.resolve("lib");
                if (Files.isDirectory(lib)) {
                    try (Stream<Path> files = Files.walk(lib)) {
                        bytes += files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                    }
                }
                try (Stream<Path> files = Files.list(dir)) {
                    bytes += files.filter(f -> f.getFileName().toString().startsWith("libduckdb_java.so_"))
                            .mapToLong(f -> f.toFile().length()).sum();
                }
                break;
            }
        }
        if (bytes == 0) {
            out.println("  shipped size: not measured (run the bench from the jars: ./bench)");
        } else {
            print("jar + libs", "shipped size", bytes / 1e6, 100, "MB", null);
        }
    }

    /** One figure against its target; a command that failed in any round has no figure, only why it failed. */
    private void print(String label, String what, double value, double target, String unit, String failed) {
        out.printf(Locale.ROOT, "  %-12s %-26s %8.2f %-3s target < %-5s %s%n", label, what, value, unit,
                String.format(Locale.ROOT, "%.0f", target), failed != null ? "FAILED: " + failed : value < target ? "met" : "NOT met");
    }

    private static Map<String, String> env(Path dir, String dbUrl, String dbUser, String dbPassword) {
        return Map.of("LOADER_DATA_DIR", dir.toString(), "LOADER_DB_URL", dbUrl == null ? "" : dbUrl,
                "LOADER_DB_USER", dbUrl == null ? "" : dbUser, "LOADER_DB_PASSWORD", dbUrl == null ? "" : dbPassword,
                "LOADER_FILES_SETTLE_MS", "0");
    }

    private record Timed(int exitCode, double seconds, double cpuSeconds) {

        /** Why the command failed, or null when it ended with 0. */
        String failure(Path log) {
            return exitCode == 0 ? null : (exitCode < 0 ? "no end within 5 minutes" : "exit code " + exitCode) + "; see " + log;
        }
    }

    private Timed command(Map<String, String> env, Path log, String... args) throws IOException, InterruptedException {
        double cpuBefore = LoaderProcess.childrenCpuSeconds();
        long start = System.nanoTime();
        Process p = start(env, log, args);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Timed(-1, Double.NaN, Double.NaN);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Timed(p.exitValue(), seconds, LoaderProcess.childrenCpuSeconds() - cpuBefore);
    }

    private double serveReady(Map<String, String> env, Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> withPort = new java.util.HashMap<>(env);
        withPort.put("LOADER_HTTP_PORT", Integer.toString(port));
        withPort.put("LOADER_SWEEP_ENABLED", "false");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready")).build();
        long start = System.nanoTime();
        Process p = start(withPort, log, "serve");
        try {
            while (p.isAlive() && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(2)) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            return Double.NaN;
        } finally {
            p.destroy();
            if (!p.waitFor(1, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        }
    }

    private Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(LoaderProcess.loaderClasspath());
        command.add("com.bank.gdw.loader.cli.LoaderCommand");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }
}
