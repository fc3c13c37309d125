package com.bank.gdw.loader.it;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
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

    @AfterEach
    void dropDatabases() {
        TestDatabase.POSTGRESQL.drop("aot_training");
        TestDatabase.POSTGRESQL.drop("aot_cache");
    }

    @Test
    void the_training_script_writes_a_cache_that_a_run_under_the_image_options_maps_with_nothing_on_stdout_but_results() throws Exception {
        // given the packaged jar, the image's Java and a scratch directory
        String java = ImageJava.binary();
        Path dir = Path.of("target", "it", "aot-cache").toAbsolutePath();
        LoaderHarness.deleteTree(dir);
        Files.createDirectories(dir);
        Path cache = dir.resolve("gdw-loader.aot");
        String trainingTarget = TestDatabase.POSTGRESQL.freshUrl("aot_training") + "?sslmode=require";
        String target = TestDatabase.POSTGRESQL.freshUrl("aot_cache") + "?sslmode=require";

        // when the image's training script runs against it, its unit going into PostgreSQL over TLS
        Ended training = ChildProcess.run(dir, List.of("sh", Path.of("docker", "aot-cache-training.sh").toAbsolutePath().toString(),
                JAR.toString(), cache.toString(), String.valueOf(FreePorts.next())),
                Map.of("PATH", ImageJava.binFolder() + ":" + System.getenv("PATH"),
                        "LOADER_TARGET_DB_URL", trainingTarget, "LOADER_TARGET_DB_USER", TestDatabase.PG_USER));

        // then it wrote a cache
        assertThat(training.exitCode()).as(training.output()).isZero();
        assertThat(cache).exists();
        assertThat(Files.size(cache)).isGreaterThan(10L << 20);

        // and a later run of a unit into PostgreSQL under the image's JAVA_TOOL_OPTIONS starts from it (-XX:AOTMode=on
        // fails when the cache cannot be mapped), with the loader's, Camel's, both database drivers' and TLS's classes
        // taken from it
        Path data = dir.resolve("data");
        Map<String, String> env = Map.of("LOADER_DATA_DIR", data.toString(), "LOADER_FILES_SETTLE_MS", "0");
        assertThat(ChildProcess.run(dir, List.of(java, "-jar", JAR.toString(), "generate", "--rows", "100", "--date", "20261126",
                "--prefix", "BCFINSG_CA"), env).exitCode()).isZero();
        Path classes = dir.resolve("classes.log");
        Ended mapped = ChildProcess.run(dir, List.of(java, "-XX:AOTMode=on", "-Xlog:class+load:file=" + classes,
                "-jar", JAR.toString(), "run", "--date", "20261126"),
                Map.of("LOADER_DATA_DIR", data.toString(), "LOADER_FILES_SETTLE_MS", "0",
                        "LOADER_TARGET_DB_URL", target, "LOADER_TARGET_DB_USER", TestDatabase.PG_USER,
                        "JAVA_TOOL_OPTIONS", ImageJava.toolOptions(cache)));
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
}
