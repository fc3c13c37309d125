package com.bank.gdw.loader.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.stream.FileNaming;

/**
 * The loader's own {@code run} command in a child JVM, as a scheduler would start it, with a capped heap and a GC
 * log: the child's memory is then measured by the JVM that used it, not guessed from outside.
 */
final class LoaderProcess {

    /** How the child ended: exit code, wall time, CPU time (-1 where unknown), heap and where its output went. */
    record Result(int exitCode, double seconds, double cpuSeconds, HeapPeak heap, Path output) { }

    private LoaderProcess() {
    }

    /**
     * Runs {@code run --date} on {@code dataDir}; {@code dbUrl} null means the embedded DuckDB under it.
     * With {@code jfr} the child also records a profile to {@code dataDir/loader.jfr}.
     */
    static Result run(Path dataDir, String dbUrl, String dbUser, String dbPassword, String heap, List<String> jvmOptions,
                      LocalDate date, boolean jfr)
            throws IOException, InterruptedException {
        Path gcLog = dataDir.resolve("gc.log");
        Path output = dataDir.resolve("loader.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        // an OutOfMemoryError must end the run as a failure (an abort), not be swallowed somewhere
        command.add("-XX:+CrashOnOutOfMemoryError");
        command.add("-Xlog:gc:file=" + gcLog);
        if (dbUrl != null && DatabaseKind.of(dbUrl) == DatabaseKind.SNOWFLAKE) {
            // snowflake-jdbc's Arrow reader (the emulator answers in Arrow whatever the loader asks for); the jar's
            // manifest says so for java -jar, which a class path does not read. Only here: a JVM option the image's
            // java -jar does not have makes a Java 25 child refuse the image's AOT cache (its module options differ)
            command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        if (jfr) {
            command.add("-XX:StartFlightRecording=filename=" + dataDir.resolve("loader.jfr") + ",settings=profile");
        }
        command.add("-cp");
        command.add(loaderClasspath());
        command.add("com.bank.gdw.loader.cli.LoaderCommand");
        command.add("run");
        command.add("--date");
        command.add(date.format(FileNaming.BUSINESS_DATE));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.put("LOADER_DATA_DIR", dataDir.toString());
        env.put("LOADER_DB_URL", dbUrl == null ? "" : dbUrl);
        env.put("LOADER_DB_USER", dbUrl == null ? "" : dbUser);
        env.put("LOADER_DB_PASSWORD", dbUrl == null ? "" : dbPassword);
        env.remove("LOADER_TARGET_DB_URL");
        // the benchmark is the only writer of its landing directory: no need to wait for files to settle
        env.put("LOADER_FILES_SETTLE_MS", "0");
        double cpuBefore = childrenCpuSeconds();
        long start = System.nanoTime();
        Process p = pb.start();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuAfter = childrenCpuSeconds();
        return new Result(exit, seconds, cpuBefore < 0 ? -1 : cpuAfter - cpuBefore, HeapPeak.fromGcLog(gcLog), output);
    }

    /**
     * The class path of a loader child: this JVM's without the benchmark's own jar, so the child runs the loader's
     * jar alone, as a scheduler starts it (and as an AppCDS archive made from that jar expects).
     */
    static String loaderClasspath() {
        Path bench = benchJar();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank() && (bench == null || !Path.of(e).toAbsolutePath().normalize().equals(bench)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The jar this class came from, or null when it came from a directory (a test run). */
    private static Path benchJar() {
        try {
            Path p = Path.of(LoaderProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
            return Files.isRegularFile(p) ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * CPU seconds of this JVM's waited-for children (Linux /proc/self/stat cutime + cstime, in USER_HZ = 100 ticks):
     * what the loader itself consumed, all its threads and DuckDB's included. On a busy machine the wall time
     * swings with the other work; the CPU a load needs much less.
     */
    static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The last lines of the child's output, for a failure message. */
    static String tail(Path output, int lines) {
        try {
            List<String> all = Files.readAllLines(output);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
