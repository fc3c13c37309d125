package com.bank.gdw.loader.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A streams folder the user named (LOADER_STREAMS_DIR, or the key) that is missing, a file, or holds no definition is
 * refused by every command with exit code 2 and one line naming the path, instead of running with the packaged
 * definitions or none; so is a folder of two streams whose file names overlap, naming both.
 */
class StreamsFolderTest extends CommandLineScenario {

    private static final Path CONFIG = Path.of("target", "it", "streams-folder-config").toAbsolutePath();

    @BeforeAll
    static void openEmbedded() throws IOException {
        open(TestDatabase.DUCKDB, "streams-folder", "streams_folder");
        LoaderHarness.deleteTree(CONFIG);
        Files.createDirectories(CONFIG);
    }

    @AfterAll
    static void reset() {
        close();
    }

    @AfterEach
    void unset() {
        System.clearProperty("loader.streams-dir");
    }

    @Test
    void a_missing_folder_is_refused_by_every_command_naming_it() {
        Path missing = CONFIG.resolve("no-such-streams");
        System.setProperty("loader.streams-dir", missing.toString());
        String line = "gdw-loader: the streams folder " + missing + " does not exist (loader.streams-dir)";

        for (String[] command : new String[][] {{"run", "--date", "20260105"}, {"replay", "--from", "20260105", "--to", "20260105"},
            {"status"}, {"release-lock", "--stream", "bcfinsg"}}) {
            Result r = cli(command);
            assertThat(r.exitCode()).as(command[0] + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err().strip()).as(command[0]).isEqualTo(line);
        }
        Result validate = cli("validate", "--date", "20260105");
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(2);
        assertThat(validate.out()).contains("the streams folder " + missing + " does not exist (loader.streams-dir)");
        assertThat(data).as("no data directory made").doesNotExist();
    }

    @Test
    void a_file_and_a_folder_without_definitions_are_refused_and_serve_refuses_the_variable() throws Exception {
        Path file = Files.writeString(CONFIG.resolve("streams.yaml"), "code: x\n");
        Path empty = Files.createDirectories(CONFIG.resolve("empty-streams"));
        Files.writeString(empty.resolve("README.txt"), "definitions go here");

        System.setProperty("loader.streams-dir", file.toString());
        Result onFile = cli("run", "--date", "20260105");
        assertThat(onFile.exitCode()).as(onFile.out() + onFile.err()).isEqualTo(2);
        assertThat(onFile.err().strip()).isEqualTo("gdw-loader: the streams folder " + file + " is not a folder (loader.streams-dir)");

        System.clearProperty("loader.streams-dir");
        Path log = CONFIG.resolve("serve.log");
        Map<String, String> properties = ChildLoader.quickServe(data);
        properties.put("loader.http.port", "0");
        try (ChildLoader serve = ChildLoader.start(log, properties, Map.of("LOADER_STREAMS_DIR", empty.toString()), "serve")) {
            assertThat(serve.awaitExit(Duration.ofMinutes(2))).as(serve.output()).isEqualTo(2);
            assertThat(serve.output()).contains("gdw-loader: the streams folder " + empty
                    + " holds no stream definition (*.yaml) (LOADER_STREAMS_DIR)");
        }
        assertThat(data).as("no data directory made").doesNotExist();
    }

    @Test
    void generate_refuses_a_named_folder_that_holds_no_definitions() throws Exception {
        Path missing = CONFIG.resolve("missing-for-generate");
        Path out = CONFIG.resolve("generated");

        Result r = cli("generate", "--rows", "5", "--date", "20260105", "--out", out.toString(), "--streams-dir", missing.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("gdw-loader: the streams folder " + missing + " does not exist (--streams-dir)");
        try (ChildLoader child = ChildLoader.start(CONFIG.resolve("generate.log"), Map.of(), Map.of("LOADER_STREAMS_DIR", missing.toString()),
                "generate", "--rows", "5", "--date", "20260105", "--out", out.toString())) {
            assertThat(child.awaitExit(Duration.ofMinutes(1))).as(child.output()).isEqualTo(2);
            assertThat(child.output()).contains("gdw-loader: the streams folder " + missing + " does not exist (LOADER_STREAMS_DIR)");
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void two_streams_whose_file_names_overlap_are_refused_naming_both() throws IOException {
        Path streams = Files.createDirectories(CONFIG.resolve("overlap/streams"));
        Files.createDirectories(CONFIG.resolve("overlap/layouts"));
        Files.copy(Path.of("config/layouts/plan_baln_segm_mstr.columns.csv"), CONFIG.resolve("overlap/layouts/plan_baln_segm_mstr.columns.csv"));
        String bcfinsg = Files.readString(Path.of("config/streams/bcfinsg.yaml"));
        Files.writeString(streams.resolve("bcfinsg.yaml"), bcfinsg);
        Files.writeString(streams.resolve("copy.yaml"), bcfinsg.replace("code: bcfinsg", "code: bcfcopy").replace("id: 1490", "id: 1491")
                .replace("targetTable: PLAN_BALN_SEGM_MSTR", "targetTable: PLAN_BALN_SEGM_COPY"));
        System.setProperty("loader.streams-dir", streams.toString());

        Result r = cli("run", "--date", "20260105", "--stream", "bcfinsg");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("gdw-loader: the file-name patterns of streams bcfinsg and bcfcopy overlap: BCFINSG_C")
                .hasLineCount(1);
        assertThat(data).as("no data directory made").doesNotExist();
    }
}
