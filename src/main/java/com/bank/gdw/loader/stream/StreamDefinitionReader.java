package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Reads stream definitions (YAML) and the layouts they point to. */
public final class StreamDefinitionReader {

    /** How the name of a stream definition's file ends. */
    public static final String SUFFIX = ".yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final UnaryOperator<String> placeholders;

    /** @param placeholders resolves {{...}} placeholders in string values (Camel properties in the application) */
    public StreamDefinitionReader(UnaryOperator<String> placeholders) {
        this.placeholders = placeholders;
    }

    /** Every *.yaml stream definition of a folder, in file-name order. */
    public List<StreamDefinition> readAll(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<StreamDefinition> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                out.add(read(p));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list stream definitions in " + folder + ": " + reason(e));
        }
    }

    /**
     * The definition of {@code file}, checked whole before anything uses it: a bad one is an IllegalArgumentException
     * (exit code 2) with one line naming the file, the key and what is wrong. It carries no cause: what is shown of an
     * error is its innermost cause's message, which would lose the file and the key.
     */
    public StreamDefinition read(Path file) {
        try {
            StreamFile f = parse(file);
            f.check();
            return f.toDefinition(layout(file, f.layout()), placeholders, file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException | DateTimeException e) {
            throw refused(file, e.getMessage());
        } catch (UncheckedIOException e) {
            throw refused(file, e.getMessage() + ": " + reason(e.getCause()));
        }
    }

    private static IllegalArgumentException refused(Path file, String problem) {
        return new IllegalArgumentException("stream definition " + file + ": " + problem);
    }

    private static StreamFile parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            StreamFile f = YAML.readValue(in, StreamFile.class);
            if (f == null) {
                throw new IllegalArgumentException("is empty");
            }
            return f;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(yamlProblem(e));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read it: " + reason(e));
        }
    }

    /** Jackson's words without its source and reference chain, on one line, with the key and where it is. */
    private static String yamlProblem(JsonProcessingException e) {
        String what = oneLine(e.getOriginalMessage());
        String key = "";
        if (e instanceof JsonMappingException m) {
            key = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        }
        String problem;
        if (e instanceof UnrecognizedPropertyException) {
            problem = "unknown key " + key;
        } else if (!key.isEmpty()) {
            problem = key + ": " + what;
        } else {
            problem = "not valid YAML: " + what;
        }
        JsonLocation at = e.getLocation();
        return at == null ? problem : problem + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file " + e.getMessage();
        }
        return e == null ? "" : e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    /** The layout the definition names (beside it), every column a plain SQL name. */
    private static Layout layout(Path file, String name) {
        Path csv = file.toAbsolutePath().getParent().resolve(name).normalize();
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("layout " + name + ": no such file " + csv);
        }
        Layout layout;
        try {
            layout = Layout.read(csv);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layout " + name + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("layout " + name + ": cannot read " + csv + ": " + reason(e.getCause()));
        }
        for (int i = 0; i < layout.size(); i++) {
            String column = layout.column(i).name();
            if (!SqlIdentifier.isName(column)) {
                throw new IllegalArgumentException("layout " + name + ": column " + (i + 1) + " must be a SQL column name ("
                        + SqlIdentifier.NAME_RULE + "): " + column);
            }
        }
        return layout;
    }

    /** The YAML document as written. */
    record StreamFile(String code, Integer id, String name, String description, String targetTable, String layout,
                      FileRules files, Record record, LoaderColumns loaderColumns, Integer rowSecurityCode,
                      Reconciliation reconciliation, Quality quality, Run run, ReportNaming report, Schedule schedule, Due due) {

        record FileRules(String unit, String trigger, String load, String familyPrefix, List<String> sampleUnits) { }

        record Record(String delimiter, List<String> key, String dateMarker) { }

        record Reconciliation(String amountColumn) { }

        record Quality(Double minimumAverage, Map<String, Integer> bands, Integer dateMarkerDeduction, List<QualityRule> rules) { }

        record Run(Boolean continueOnUnitFailure, String initialStatus) { }

        record Schedule(String cron) { }

        /** When the files are due (late-feed alerts); by is HH:mm, zone an IANA zone, holidays a file beside the YAML. */
        record Due(List<String> units, String by, String zone, Integer dayOffset, List<java.time.DayOfWeek> businessDays,
                   String holidays) {

            FeedDue toFeedDue(Path dir) {
                require(units, "due.units");
                require(by, "due.by");
                return new FeedDue(units, java.time.LocalTime.parse(by),
                        zone == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(zone),
                        dayOffset == null ? 1 : dayOffset,
                        businessDays == null ? java.util.Set.of() : java.util.Set.copyOf(businessDays),
                        holidays == null || holidays.isBlank() ? java.util.Set.of() : FeedDue.readHolidays(dir.resolve(holidays).normalize()));
            }
        }

        /** A stream code names routes ({code}-run), endpoint URIs, simple expressions and the MBean: nothing to escape. */
        private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

        /**
         * Every key the loader needs is there and every value that reaches SQL, a file path or a Camel name has the
         * form that keeps it inert there; the rest (layout, patterns, rules) is checked as the definition is built.
         */
        void check() {
            require(code, "code");
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("code must be 1-32 of a-z, 0-9, _ and -, starting with a letter or digit: " + code);
            }
            require(id, "id");
            if (id < 1) {
                throw new IllegalArgumentException("id must be a positive number: " + id);
            }
            require(name, "name");
            require(targetTable, "targetTable");
            if (!SqlIdentifier.isQualifiedName(targetTable)) {
                throw new IllegalArgumentException("targetTable must be a SQL identifier (" + SqlIdentifier.QUALIFIED_RULE + "): " + targetTable);
            }
            require(layout, "layout");
            require(files, "files");
            require(files.unit(), "files.unit");
            fileName(files.trigger(), "files.trigger");
            fileName(files.load(), "files.load");
            require(record, "record");
            require(record.key(), "record.key");
            if (record.key().isEmpty()) {
                throw new IllegalArgumentException("record.key must name at least one column");
            }
            require(loaderColumns, "loaderColumns");
            column(loaderColumns.businessDate(), "loaderColumns.businessDate");
            column(loaderColumns.loadTimestamp(), "loaderColumns.loadTimestamp");
            if (loaderColumns.loadTime() != null) {
                column(loaderColumns.loadTime(), "loaderColumns.loadTime");
            }
            column(loaderColumns.processInstance(), "loaderColumns.processInstance");
            column(loaderColumns.lineNumber(), "loaderColumns.lineNumber");
            column(loaderColumns.rowSecurity(), "loaderColumns.rowSecurity");
            require(quality, "quality");
            require(report, "report");
            fileName(report.csv(), "report.csv");
            fileName(report.json(), "report.json");
            require(report.subject(), "report.subject");
        }

        private static void column(String value, String key) {
            require(value, key);
            if (!SqlIdentifier.isName(value)) {
                throw new IllegalArgumentException(key + " must be a SQL column name (" + SqlIdentifier.NAME_RULE + "): " + value);
            }
        }

        /** A name the loader writes or looks for in one of its directories: never a path leading elsewhere. */
        private static void fileName(String value, String key) {
            require(value, key);
            if (value.isBlank() || value.contains("/") || value.contains("\\") || value.equals(".") || value.equals("..")) {
                throw new IllegalArgumentException(key + " must be a file name, not a path: " + value);
            }
        }

        StreamDefinition toDefinition(Layout layout, UnaryOperator<String> resolve, Path dir) {
            String delimiter = record.delimiter() == null ? "|" : record.delimiter();
            if (delimiter.length() != 1) {
                throw new IllegalArgumentException("record.delimiter must be one character");
            }
            Map<String, Integer> bands = quality.bands() == null ? Map.of() : quality.bands();
            QualityPolicy policy = new QualityPolicy(
                    quality.minimumAverage() == null ? 70 : quality.minimumAverage(),
                    bands.getOrDefault("high", 85), bands.getOrDefault("medium", 70),
                    quality.dateMarkerDeduction() == null ? 10 : quality.dateMarkerDeduction(),
                    quality.rules() == null ? List.of() : quality.rules());
            return new StreamDefinition(code, id, name, description == null ? name : description, targetTable, layout,
                    new FileNaming(files.unit(), files.trigger(), files.load(), files.familyPrefix(), files.sampleUnits()),
                    delimiter.charAt(0), record.key(), record.dateMarker(), loaderColumns,
                    rowSecurityCode == null ? 0 : rowSecurityCode,
                    reconciliation == null ? null : reconciliation.amountColumn(), policy,
                    run != null && Boolean.TRUE.equals(run.continueOnUnitFailure()),
                    run == null || run.initialStatus() == null ? "ACTIVE" : run.initialStatus(),
                    report, schedule == null || schedule.cron() == null ? null : resolve.apply(schedule.cron()),
                    due == null ? null : due.toFeedDue(dir));
        }

        private static void require(Object value, String key) {
            if (value == null) {
                throw new IllegalArgumentException("missing key " + key);
            }
        }
    }
}
