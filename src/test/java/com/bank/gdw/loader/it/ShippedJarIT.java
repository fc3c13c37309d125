package com.bank.gdw.loader.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.cli.LoaderCommand;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the packaged jar (target/gdw-loader.jar, run by the image and the scheduler) holds of what is not the loader:
 * nothing. The benchmark has its own jar (target/gdw-loader-bench.jar) and the crash tests' pausing checkpoint lives
 * in the tests, so the loader in the jar passes every checkpoint without stopping.
 */
class ShippedJarIT {

    private static final Path JAR = Path.of(System.getProperty("loader.jar", "target/gdw-loader.jar")).toAbsolutePath();
    private static final Path BENCH_JAR = JAR.resolveSibling("gdw-loader-bench.jar");

    private static List<String> entries(Path jar) throws Exception {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(JarEntry::getName).toList();
        }
    }

    @Test
    void the_loader_jar_has_no_benchmark_and_no_test_checkpoint() throws Exception {
        // given the packaged jars (mvn package)
        assertThat(JAR).exists();
        assertThat(BENCH_JAR).exists();

        // when their entries are listed
        List<String> loader = entries(JAR);
        List<String> bench = entries(BENCH_JAR);

        // then the loader's has the loader and the checkpoint interface, nothing of the benchmark or the tests
        assertThat(loader).contains("com/bank/gdw/loader/cli/LoaderCommand.class", "com/bank/gdw/loader/fault/Checkpoint.class");
        assertThat(loader).noneMatch(e -> e.startsWith("com/bank/gdw/loader/bench/"));
        assertThat(loader).noneMatch(e -> e.contains("BenchCommand") || e.contains("PausingCheckpoint"));
        assertThat(loader).doesNotContain("META-INF/services/com.bank.gdw.loader.fault.Checkpoint");
        // and the benchmark's jar has the benchmark and nothing of the loader
        assertThat(bench).contains("com/bank/gdw/loader/bench/BenchMain.class", "com/bank/gdw/loader/bench/HeapPeak.class");
        assertThat(bench).filteredOn(e -> e.endsWith(".class")).allMatch(e -> e.startsWith("com/bank/gdw/loader/bench/"));
        assertThat(bench).noneMatch(e -> e.endsWith("Test.class"));
    }

    @Test
    void the_loader_command_line_has_no_bench_and_says_where_it_is() {
        // when the loader is asked for bench, and for its help
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LoaderCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "bench");
        int helpExit = LoaderCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "--help");

        // then bench is a usage error, and the help lists no bench command but points at ./bench
        assertThat(exit).isEqualTo(LoaderCommand.USAGE);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'bench'");
        assertThat(helpExit).isZero();
        String help = out.toString();
        assertThat(help).doesNotContainPattern("(?m)^\\s+bench\\s");
        assertThat(help.replaceAll("\\s+", " ")).contains("The benchmark is not in this jar: ./bench");
    }
}
