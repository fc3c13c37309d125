package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A stream definition is checked whole when it is read, before anything uses it: a bad one is refused with one line
 * naming the file, the key and what is wrong, as an IllegalArgumentException (the command line's exit code 2).
 */
class StreamDefinitionReaderTest {

    @TempDir
    Path dir;

    /** The packaged bcfinsg.yaml with {@code edit} applied, and its layout, under the temporary folder. */
    private Path packagedStream(UnaryOperator<String> edit) throws IOException {
        Path streams = Files.createDirectories(dir.resolve("streams"));
        Files.createDirectories(dir.resolve("layouts"));
        Files.copy(Path.of("config/layouts/plan_baln_segm_mstr.columns.csv"), dir.resolve("layouts/plan_baln_segm_mstr.columns.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        Path yaml = streams.resolve("bcfinsg.yaml");
        Files.writeString(yaml, edit.apply(Files.readString(Path.of("config/streams/bcfinsg.yaml"))));
        return yaml;
    }

    /** The packaged stream with the value of the top-level or nested {@code key} (e.g. report.csv) replaced. */
    private Path packagedStreamWith(String key, String yamlValue) throws IOException {
        return packagedStream(text -> text.replaceFirst("(?m)^(" + indent(key) + leaf(key) + ":).*$",
                "$1 " + java.util.regex.Matcher.quoteReplacement(yamlValue)));
    }

    private Path packagedStreamWithout(String key) throws IOException {
        return packagedStream(text -> {
            String edited = text.replaceFirst("(?m)^" + indent(key) + leaf(key) + ":.*\\R", "");
            assertThat(edited).as("the packaged stream has " + key).isNotEqualTo(text);
            return edited;
        });
    }

    private static String indent(String key) {
        return "  ".repeat(key.split("\\.").length - 1);
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** The one-line message the definition is refused with. */
    private static String refusal(Path yaml) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> new StreamDefinitionReader(v -> v).read(yaml));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").startsWith("stream definition " + yaml + ": ");
        return e.getMessage().substring(("stream definition " + yaml + ": ").length());
    }

    @Test
    void the_shipped_and_the_test_streams_are_accepted() {
        StreamDefinitionReader reader = new StreamDefinitionReader(v -> v);

        assertThat(reader.read(Path.of("config/streams/bcfinsg.yaml")).code()).isEqualTo("bcfinsg");
        assertThat(reader.read(Path.of("src/test/resources/streams-two/minifeed.yaml")).code()).isEqualTo("minifeed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"DCF_T_STRM; DROP TABLE DCF_T_FEED_LATE; --\"", "\"PLAN BALN\"", "\"PLAN_BALN_SEGM_MSTR WHERE 1=0\"", "\"\""})
    void a_target_table_that_is_not_a_sql_identifier_is_refused(String targetTable) throws IOException {
        Path yaml = packagedStreamWith("targetTable", targetTable);

        assertThat(refusal(yaml)).isEqualTo("targetTable must be a SQL identifier (a letter or _, then letters, digits, _ or $; "
                + "optionally schema.table): " + targetTable.substring(1, targetTable.length() - 1));
    }

    @Test
    void a_target_table_in_a_schema_is_accepted() throws IOException {
        Path yaml = packagedStreamWith("targetTable", "GDW.PLAN_BALN_SEGM_MSTR");

        assertThat(new StreamDefinitionReader(v -> v).read(yaml).targetTable()).isEqualTo("GDW.PLAN_BALN_SEGM_MSTR");
    }

    @Test
    void a_loader_column_that_is_not_a_sql_identifier_is_refused() throws IOException {
        Path yaml = packagedStreamWith("loaderColumns.rowSecurity", "\"ROW_SECU_ACCS_C) ; DROP TABLE DCF_T_STRM; --\"");

        assertThat(refusal(yaml)).isEqualTo("loaderColumns.rowSecurity must be a SQL column name (a letter or _, then letters, "
                + "digits, _ or $): ROW_SECU_ACCS_C) ; DROP TABLE DCF_T_STRM; --");
    }

    @Test
    void a_layout_column_that_is_not_a_sql_identifier_is_refused() throws IOException {
        Path yaml = packagedStream(text -> text);
        Path csv = dir.resolve("layouts/plan_baln_segm_mstr.columns.csv");
        Files.writeString(csv, Files.readString(csv).replace(",CORP_IDNN,", ",\"CORP_IDNN INTEGER, X\","));

        assertThat(refusal(yaml)).isEqualTo("layout ../layouts/plan_baln_segm_mstr.columns.csv: column 1 must be a SQL column name "
                + "(a letter or _, then letters, digits, _ or $): CORP_IDNN INTEGER, X");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a'b\"", "\"\"", "\"x,type=Other\"", "\"../evil\"", "BCFINSG", "\"-bcfinsg\"", "abcdefghij_abcdefghij_abcdefghijk"})
    void a_code_that_cannot_name_routes_endpoints_and_mbeans_is_refused(String code) throws IOException {
        Path yaml = packagedStreamWith("code", code);

        assertThat(refusal(yaml)).isEqualTo("code must be 1-32 of a-z, 0-9, _ and -, starting with a letter or digit: "
                + code.replace("\"", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "id", "name", "targetTable", "layout", "files.unit", "files.trigger", "files.load", "record.key",
            "loaderColumns.businessDate", "loaderColumns.loadTimestamp", "loaderColumns.processInstance", "loaderColumns.lineNumber",
            "loaderColumns.rowSecurity", "report.csv", "report.json", "report.subject"})
    void a_missing_required_key_is_named(String key) throws IOException {
        Path yaml = packagedStreamWithout(key);

        assertThat(refusal(yaml)).isEqualTo("missing key " + key);
    }

    @Test
    void an_empty_business_key_is_refused() throws IOException {
        Path yaml = packagedStreamWith("record.key", "[]");

        assertThat(refusal(yaml)).isEqualTo("record.key must name at least one column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.csv", "report.json", "files.trigger", "files.load"})
    void a_file_name_that_is_a_path_is_refused(String key) throws IOException {
        for (String name : new String[] {"../../../x_{unit}_{date}.csv", "/tmp/x_{unit}_{date}.json", "sub/x_{unit}_{date}", "..\\x_{unit}_{date}",
                ".."}) {
            Path yaml = packagedStreamWith(key, "\"" + name.replace("\\", "\\\\") + "\"");

            assertThat(refusal(yaml)).isEqualTo(key + " must be a file name, not a path: " + name);
        }
    }

    @Test
    void a_yaml_syntax_error_names_the_file_and_the_line() throws IOException {
        Path yaml = packagedStream(text -> text.replace("targetTable: PLAN_BALN_SEGM_MSTR", "targetTable: PLAN: BALN"));

        assertThat(refusal(yaml)).startsWith("not valid YAML: ").containsPattern("\\(line \\d+, column \\d+\\)$")
                .doesNotContain("ChannelInputStream");
    }

    @Test
    void a_value_of_the_wrong_kind_names_its_key_and_line() throws IOException {
        Path yaml = packagedStreamWith("code", "[bcfinsg]");

        assertThat(refusal(yaml)).startsWith("code: ").endsWith("(line 3, column 7)").doesNotContain("ChannelInputStream");
    }

    @Test
    void an_unknown_key_is_named_with_its_line() throws IOException {
        Path yaml = packagedStream(text -> text.replace("  trigger:", "  triger: x\n  trigger:"));

        assertThat(refusal(yaml)).matches("unknown key files\\.triger \\(line \\d+, column \\d+\\)");
    }

    @Test
    void a_missing_layout_file_is_refused_naming_it() throws IOException {
        Path yaml = packagedStreamWith("layout", "../layouts/missing.csv");

        assertThat(refusal(yaml)).isEqualTo("layout ../layouts/missing.csv: no such file " + dir.resolve("layouts/missing.csv"));
    }
}
