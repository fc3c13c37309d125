package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog refuses two streams one file name could belong to, and names what is wrong with a streams folder. */
class StreamCatalogTest {

    private static final Path ROOT = Path.of("target", "stream-catalog-test").toAbsolutePath();
    private static final StreamDefinitionReader READER = new StreamDefinitionReader(v -> v);
    private static StreamDefinition bcfinsg;

    @BeforeAll
    static void layouts() throws IOException {
        deleteTree(ROOT);
        Files.createDirectories(ROOT.resolve("streams"));
        Files.createDirectories(ROOT.resolve("layouts"));
        Files.copy(Path.of("config/layouts/plan_baln_segm_mstr.columns.csv"), ROOT.resolve("layouts/plan_baln_segm_mstr.columns.csv"));
        bcfinsg = READER.read(Path.of("config/streams/bcfinsg.yaml"));
    }

    /** The packaged stream as another one (code other, id 1491), its file names edited. */
    private static StreamDefinition other(String... fromTo) throws IOException {
        Path yaml = ROOT.resolve("streams/other.yaml");
        String text = Files.readString(Path.of("config/streams/bcfinsg.yaml")).replace("code: bcfinsg", "code: other")
                .replace("id: 1490", "id: 1491").replace("targetTable: PLAN_BALN_SEGM_MSTR", "targetTable: OTHER_MSTR");
        for (int i = 0; i < fromTo.length; i += 2) {
            assertThat(text).contains(fromTo[i]);
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        Files.writeString(yaml, text);
        return READER.read(yaml);
    }

    @Test
    void streams_with_names_apart_are_accepted() throws IOException {
        StreamDefinition mini = READER.read(Path.of("src/test/resources/streams-two/minifeed.yaml"));

        assertThat(new StreamCatalog(List.of(bcfinsg, mini)).all()).hasSize(2);
        assertThat(new StreamCatalog(List.of(bcfinsg, other("unit: \"BCFINSG_C[A-Za-z0-9]\"", "unit: \"BCFINSG_D[A-Za-z0-9]\"",
                "sampleUnits: [BCFINSG_CA, BCFINSG_CB]", "sampleUnits: [BCFINSG_DA]"))).all())
                .hasSize(2);
        assertThat(new StreamCatalog(List.of(bcfinsg, other("{date}.DLY", "{date}.WKL", "{date}_I.txt", "{date}_W.txt"))).all())
                .hasSize(2);
    }

    @Test
    void a_unit_pattern_inside_the_other_is_refused_naming_both_streams() throws IOException {
        StreamDefinition narrower = other("unit: \"BCFINSG_C[A-Za-z0-9]\"", "unit: \"BCFINSG_C[XYZ]\"",
                "sampleUnits: [BCFINSG_CA, BCFINSG_CB]", "sampleUnits: [BCFINSG_CX]");

        assertThatThrownBy(() -> new StreamCatalog(List.of(bcfinsg, narrower))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the file-name patterns of streams bcfinsg and other overlap: BCFINSG_C")
                .hasMessageContaining(" would be a file of both");
    }

    @Test
    void unit_patterns_that_only_partly_overlap_are_refused() throws IOException {
        StreamDefinition partly = other("unit: \"BCFINSG_C[A-Za-z0-9]\"", "unit: \"BCFINSG_[A-D][A-D]\"");

        assertThatThrownBy(() -> new StreamCatalog(List.of(bcfinsg, partly)))
                .hasMessageMatching("the file-name patterns of streams bcfinsg and other overlap: BCFINSG_C[A-D]_.*");
    }

    @Test
    void a_trigger_name_of_one_stream_that_is_a_load_name_of_the_other_is_refused() throws IOException {
        StreamDefinition crossed = other("trigger: \"{unit}_{date}.DLY\"", "trigger: \"{unit}_PLAN_BALN_SEGM_MSTR_{date}_I.txt\"",
                "load: \"{unit}_PLAN_BALN_SEGM_MSTR_{date}_I.txt\"", "load: \"{unit}_{date}.DLY\"");

        assertThatThrownBy(() -> new StreamCatalog(List.of(bcfinsg, crossed))).hasMessageContaining("streams bcfinsg and other overlap");
    }

    @Test
    void a_missing_folder_a_file_and_a_folder_without_definitions_are_named() throws IOException {
        Path missing = ROOT.resolve("no-such-folder");
        Path file = Files.writeString(ROOT.resolve("a-file.yaml"), "code: x\n");
        Path empty = Files.createDirectories(ROOT.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not a definition");

        assertThat(StreamCatalog.folderProblem(missing)).isEqualTo("the streams folder " + missing + " does not exist");
        assertThat(StreamCatalog.folderProblem(file)).isEqualTo("the streams folder " + file + " is not a folder");
        assertThat(StreamCatalog.folderProblem(empty)).isEqualTo("the streams folder " + empty + " holds no stream definition (*.yaml)");
        assertThat(StreamCatalog.folderProblem(Path.of("config/streams"))).isNull();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
