package com.bank.gdw.loader.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's class data archive (AppCDS), as docker/Dockerfile builds it with docker/cds-training.sh: written by a
 * serve that loads a unit, and mapped by later starts of the packaged jar. The image itself cannot be built here (no
 * Docker engine); the script and the JVM options it feeds can.
 */
class ImageClassArchiveIT {

    private static final Path JAR = Path.of(System.getProperty("loader.jar", "target/gdw-loader.jar")).toAbsolutePath();

    private record Ended(int exitCode, String output) { }

    private static Ended run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "out", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not end: " + command);
        }
        return new Ended(p.exitValue(), Files.readString(log));
    }

    @Test
    void the_training_script_writes_an_archive_that_serve_and_a_run_map() throws Exception {
        // given the packaged jar and a scratch directory
        Path dir = Path.of("target", "it", "cds").toAbsolutePath();
        LoaderHarness.deleteTree(dir);
        Files.createDirectories(dir);
        Path archive = dir.resolve("gdw-loader.jsa");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        // when the image's training script runs against it
        Ended training = run(dir, List.of("sh", Path.of("docker", "cds-training.sh").toAbsolutePath().toString(),
                JAR.toString(), archive.toString(), String.valueOf(FreePorts.next())));

        // then it wrote an archive
        assertThat(training.exitCode()).as(training.output()).isZero();
        assertThat(archive).exists();
        assertThat(Files.size(archive)).isGreaterThan(10L << 20);

        // and a later run of a unit starts from it (-Xshare:on fails when the archive cannot be mapped), with the
        // loader's, Camel's and the database driver's classes taken from the archive
        String data = "-Dloader.data-dir=" + dir.resolve("data");
        assertThat(run(dir, List.of(java, data, "-jar", JAR.toString(), "generate", "--rows", "100", "--date", "20261126",
                "--prefix", "BCFINSG_CA")).exitCode()).isZero();
        Ended mapped = run(dir, List.of(java, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load", data,
                "-Dloader.files.settle-ms=0", "-jar", JAR.toString(), "run", "--date", "20261126"));
        assertThat(mapped.exitCode()).as(mapped.output()).isZero();
        assertThat(mapped.output()).contains("COMPLETED")
                .contains("com.bank.gdw.loader.cli.LoaderCommand source: shared objects file (top)")
                .contains("org.apache.camel.main.Main source: shared objects file (top)")
                .contains("org.duckdb.DuckDBDriver source: shared objects file (top)");
    }
}
