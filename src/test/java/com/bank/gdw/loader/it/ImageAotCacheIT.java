package com.bank.gdw.loader.it;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.ChildProcess;
import com.bank.gdw.loader.testkit.ChildProcess.Ended;
import com.bank.gdw.loader.testkit.FreePorts;
import com.bank.gdw.loader.testkit.ImageJava;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's AOT cache, as docker/Dockerfile builds it with docker/aot-cache-training.sh on the image's Java (25):
 * written by a serve that loads a unit into a PostgreSQL reached over TLS (the DCF tables on the embedded database), and
 * mapped by later starts of the packaged jar under the image's own JVM options. The image itself cannot be built here
 * (no Docker engine); the script, the Java and the options it feeds can, with the test PostgreSQL (TLS on, as
 * Debian's and Ubuntu's packages set it up) in the place of the one the Dockerfile installs for the training.
 */
class ImageAotCacheIT {

    private static final Path JAR = Path.of(System.getProperty("loader.jar", "target/gdw-loader.jar")).toAbsolutePath();
    private static final Path BENCH_JAR = Path.of("target", "gdw-loader-bench.jar").toAbsolutePath();
    private static final Path DIR = Path.of("target", "it", "aot-cache").toAbsolutePath();
    private static final Path CACHE = DIR.resolve("gdw-loader.aot");

    private static Ended training;

    /** The image's training script, run once against the packaged jar, its unit going into PostgreSQL over TLS. */
    @BeforeAll
    static void train() throws Exception {
        LoaderHarness.deleteTree(DIR);
        Files.createDirectories(DIR);
        String trainingTarget = TestDatabase.POSTGRESQL.freshUrl("aot_training") + "?sslmode=require";
        training = ChildProcess.run(DIR, List.of("sh", Path.of("docker", "aot-cache-training.sh").toAbsolutePath().toString(),
                JAR.toString(), CACHE.toString(), String.valueOf(FreePorts.next())),
                Map.of("PATH", ImageJava.binFolder() + ":" + System.getenv("PATH"),
                        "LOADER_TARGET_DB_URL", trainingTarget, "LOADER_TARGET_DB_USER", TestDatabase.PG_USER));
    }

    @AfterAll
    static void dropDatabases() {
        TestDatabase.POSTGRESQL.drop("aot_training");
        TestDatabase.POSTGRESQL.drop("aot_cache");
    }

    @Test
    void the_training_script_writes_a_cache_that_a_run_under_the_image_options_maps_with_nothing_on_stdout_but_results() throws Exception {
        // given the packaged jar, the image's Java, and the cache the image's training script wrote
        String java = ImageJava.binary();
        String target = TestDatabase.POSTGRESQL.freshUrl("aot_cache") + "?sslmode=require";

        // then the training succeeded and wrote a cache
        assertThat(training.exitCode()).as(training.output()).isZero();
        assertThat(CACHE).exists();
        assertThat(Files.size(CACHE)).isGreaterThan(10L << 20);

        // and a later run of a unit into PostgreSQL under the image's JAVA_TOOL_OPTIONS starts from it (-XX:AOTMode=on
        // fails when the cache cannot be mapped), with the loader's, Camel's, both database drivers' and TLS's classes
        // taken from it
        Path data = DIR.resolve("data");
        Map<String, String> env = Map.of("LOADER_DATA_DIR", data.toString(), "LOADER_FILES_SETTLE_MS", "0");
        assertThat(ChildProcess.run(DIR, List.of(java, "-jar", JAR.toString(), "generate", "--rows", "100", "--date", "20261126",
                "--prefix", "BCFINSG_CA"), env).exitCode()).isZero();
        Path classes = DIR.resolve("classes.log");
        Ended mapped = ChildProcess.run(DIR, List.of(java, "-XX:AOTMode=on", "-Xlog:class+load:file=" + classes,
                "-jar", JAR.toString(), "run", "--date", "20261126"),
                with(env, Map.of("LOADER_TARGET_DB_URL", target, "LOADER_TARGET_DB_USER", TestDatabase.PG_USER,
                        "JAVA_TOOL_OPTIONS", ImageJava.toolOptions(CACHE))));
        assertThat(mapped.exitCode()).as(mapped.output()).isZero();
        assertThat(Files.readString(classes))
                .contains("com.bank.gdw.loader.cli.LoaderCommand source: shared objects file")
                .contains("org.apache.camel.main.Main source: shared objects file")
                .contains("org.duckdb.DuckDBDriver source: shared objects file")
                .contains("org.postgresql.jdbc.PgConnection source: shared objects file")
                .contains("sun.security.ssl.SSLSocketImpl source: shared objects file");
        try (Connection c = DriverManager.getConnection(target, TestDatabase.PG_USER, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("rows of the unit in PostgreSQL").isEqualTo(100);
        }

        // and the scheduler reads results only on stdout: the JVM's warnings (Java 25 prints some at every start:
        // native access, sun.misc.Unsafe, the cache's adapters) are answered or on stderr
        assertThat(mapped.out().lines()).isNotEmpty().allMatch(l -> l.startsWith("  BCFINSG_CA_") || l.startsWith("BCFINSG_PLAN_BALN_SEGM_LOAD "));
        assertThat(mapped.out()).contains("COMPLETED");
        assertThat(mapped.err()).doesNotContain("WARNING:").doesNotContain("[warning]").doesNotContain("[error]");
    }

    /**
     * The benchmark measures what the image runs: its loader children, given the image's cache, start from it.
     * (They used to get an --add-opens on their command line that the training had not had, and a Java 25 JVM maps no
     * AOT cache whose module options differ: the 1M-row loads of the fourth sitting ran without the cache.)
     */
    @Test
    void the_benchmarks_loader_children_start_from_the_cache_they_are_given() throws Exception {
        // given the cache the image's training script wrote
        assertThat(training.exitCode()).as(training.output()).isZero();
        Path work = DIR.resolve("bench");

        // when the benchmark loads a small file into the embedded database twice, with loader children that must map it
        Ended bench = ChildProcess.run(DIR, List.of(ImageJava.binary(), "-cp", JAR + ":" + BENCH_JAR,
                "com.bank.gdw.loader.bench.BenchMain", "--targets", "duckdb", "--rows", "1000", "--rounds", "2",
                "--startup-rounds", "1", "--work", work.toString(),
                "--jvm-option=-XX:AOTMode=on", "--jvm-option=-XX:AOTCache=" + CACHE), Map.of());

        // then every load wrote every row (a child that cannot map the cache exits at once, and the load fails)
        assertThat(bench.exitCode()).as(bench.output()).isZero();
        assertThat(Files.readString(work.resolve("duckdb").resolve("loader.log")))
                .contains("1000 rows written").doesNotContain("[error][aot]");
        // and each round is printed, then the median of the rounds' ratios, and the start-up figures of one round
        assertThat(bench.output()).contains("-- round 1 of 2", "-- round 2 of 2", "median of 1,")
                .containsPattern("ratios over the 2 rounds: median.*\\R  DuckDB loader / DuckDB import +\\d+\\.\\d\\d \\[");
    }

    private static Map<String, String> with(Map<String, String> env, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(more);
        return all;
    }
}
