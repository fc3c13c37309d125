package com.bank.gdw.loader.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.ChildLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The in-process directory must share landing's file system (a claim is an atomic rename): otherwise no start. */
class InprocessDirectoryTest {

    @Test
    void an_inprocess_directory_on_another_file_system_than_landing_refuses_the_start_with_exit_code_2() throws Exception {
        Path data = Path.of("target", "it", "inprocess-elsewhere").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        Files.createDirectories(data.resolve("landing"));
        Path other = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(other) && Files.isWritable(other)
                && !Files.getFileStore(other).equals(Files.getFileStore(data))).as("a second file system at /dev/shm").isTrue();
        Path inprocess = other.resolve("gdw-inprocess-" + ProcessHandle.current().pid());
        Map<String, String> props = ChildLoader.quickServe(data);
        props.put("loader.dir.inprocess", inprocess.toString());
        String refusal = "loader.dir.inprocess (" + inprocess + ") is not on the file system of loader.dir.landing ("
                + data.resolve("landing") + ")";
        try {
            // when the container or the one-shot run starts with it
            for (String[] command : new String[][] {{"serve"}, {"run", "--date", "20261123"}}) {
                try (ChildLoader child = ChildLoader.start(data.resolve(command[0] + ".log"), props, Map.of(), command)) {
                    // then it refuses, naming both directories
                    assertThat(child.awaitExit(Duration.ofMinutes(1))).as(child.output()).isEqualTo(2);
                    assertThat(child.output()).contains("gdw-loader: cannot start: ", refusal);
                }
            }
        } finally {
            Files.deleteIfExists(inprocess);
        }
    }
}
