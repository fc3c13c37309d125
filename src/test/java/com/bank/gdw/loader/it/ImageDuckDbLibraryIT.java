package com.bank.gdw.loader.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.ChildProcess;
import com.bank.gdw.loader.testkit.ChildProcess.Ended;
import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.ImageJava;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DuckDB's native library in the image, as docker/Dockerfile lays it out with docker/DuckDbLibraryBesideJar.java:
 * beside the jar rather than inside it. A jar that carries the library makes the driver unpack 72 MB into the
 * temporary directory at every start, and a process killed with SIGKILL (the image's answer to out of memory) leaves
 * that copy behind for good. The image cannot be built here (no Docker engine); its build step and the layout can, run
 * on the image's Java.
 */
class ImageDuckDbLibraryIT {

    private static final Path JAR = Path.of(System.getProperty("loader.jar", "target/gdw-loader.jar")).toAbsolutePath();
    private static String java;
    private static final String ARCH = System.getProperty("os.arch").contains("aarch64") ? "arm64" : "amd64";
    private static final Path DIR = Path.of("target", "it", "duckdb-library").toAbsolutePath();
    private static final Path IMAGE_JAR = DIR.resolve("app").resolve("gdw-loader.jar");

    @BeforeAll
    static void lay_out_the_image_jar() throws Exception {
        java = ImageJava.binary();
        LoaderHarness.deleteTree(DIR);
        Files.createDirectories(IMAGE_JAR.getParent());
        Files.copy(JAR, IMAGE_JAR);
        Ended step = run(List.of(java, Path.of("docker", "DuckDbLibraryBesideJar.java").toAbsolutePath().toString(),
                IMAGE_JAR.toString(), ARCH));
        assertThat(step.exitCode()).as(step.output()).isZero();
    }

    @Test
    void the_build_step_moves_the_library_of_the_architecture_beside_the_jar_and_none_stays_inside() throws IOException {
        assertThat(IMAGE_JAR.resolveSibling("libduckdb_java.so_linux_" + ARCH)).exists()
                .satisfies(p -> assertThat(Files.size(p)).isGreaterThan(20L << 20));
        try (ZipFile jar = new ZipFile(IMAGE_JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.contains("libduckdb_java"))).isEmpty();
            assertThat(jar.getEntry("META-INF/MANIFEST.MF")).isNotNull();
        }
    }

    @Test
    void a_run_of_the_image_jar_loads_a_unit_without_unpacking_duckdb() throws Exception {
        Path data = fresh("run-data");
        Path tmp = fresh("run-tmp");
        generate(IMAGE_JAR, data);

        Ended run = run(loader(IMAGE_JAR, data, tmp, "run", "--date", "20261126"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("COMPLETED");
        assertThat(duckDbCopies(tmp)).isEmpty();
    }

    @Test
    void a_serve_of_the_image_jar_killed_with_sigkill_leaves_nothing_in_the_temporary_directory() throws Exception {
        Path tmp = fresh("image-tmp");
        killedServe(IMAGE_JAR, fresh("image-data"), tmp);
        assertThat(duckDbCopies(tmp)).isEmpty();
    }

    /** Why the image does not ship the jar as it is: the driver's own copy outlives a killed process. */
    @Test
    void a_serve_of_the_self_contained_jar_killed_with_sigkill_leaves_its_copy_of_duckdb_behind() throws Exception {
        Path tmp = fresh("jar-tmp");
        killedServe(JAR, fresh("jar-data"), tmp);
        assertThat(duckDbCopies(tmp)).hasSize(1)
                .allSatisfy(p -> assertThat(Files.size(p)).isGreaterThan(20L << 20));
    }

    private static void killedServe(Path jar, Path data, Path tmp) throws Exception {
        int port = FreePorts.next();
        List<String> command = loader(jar, data, tmp, "serve");
        command.add(command.size() - 3, "-Dloader.http.port=" + port);
        Process serve = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile(DIR, "serve", ".log").toFile()).start();
        try {
            awaitReady(serve, port);
        } finally {
            serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(serve.exitValue()).isEqualTo(137);
    }

    private static void awaitReady(Process serve, int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(serve.isAlive()).as("serve ended early").isTrue();
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve was not ready within 60 s");
    }

    private static List<String> loader(Path jar, Path data, Path tmp, String... arguments) {
        List<String> command = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + tmp, "-Dloader.data-dir=" + data,
                "-Dloader.files.settle-ms=0", "-Dloader.sweep.enabled=false", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static void generate(Path jar, Path data) throws Exception {
        Ended generated = run(List.of(java, "-Dloader.data-dir=" + data, "-jar", jar.toString(), "generate", "--rows", "100",
                "--date", "20261126", "--prefix", "BCFINSG_CA"));
        assertThat(generated.exitCode()).as(generated.output()).isZero();
    }

    private static List<Path> duckDbCopies(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("libduckdb_java")).toList();
        }
    }

    private static Path fresh(String name) throws IOException {
        Path p = DIR.resolve(name);
        LoaderHarness.deleteTree(p);
        return Files.createDirectories(p);
    }

    private static Ended run(List<String> command) throws IOException, InterruptedException {
        return ChildProcess.run(DIR, command);
    }
}
