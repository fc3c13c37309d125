package com.bank.gdw.loader.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's start-up figures. */
class StartupBenchTest {

    @Test
    void a_command_that_fails_is_reported_as_failed_not_as_a_met_target() throws Exception {
        StreamDefinition s = StreamCatalog.load(Path.of("config", "streams"), UnaryOperator.identity()).only(null);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // an option no JVM knows: every loader the benchmark starts ends at once with exit code 1
        StartupBench bench = new StartupBench(new PrintStream(printed, true, StandardCharsets.UTF_8),
                Path.of("target", "startup-bench-test"), List.of("-XX:+NoSuchOptionForTheBenchmark"), 3);

        boolean ok = bench.measure(s, "embedded", null, null, null, () -> { });

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(ok).isFalse();
        assertThat(out.lines().filter(l -> l.contains("status  ") || l.contains("run of a") || l.contains("serve until")))
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("FAILED").doesNotContain("met"));
        assertThat(out).contains("exit code 1").contains("startup-embedded");
    }
}
