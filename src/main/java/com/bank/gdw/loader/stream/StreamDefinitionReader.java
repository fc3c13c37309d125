package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Reads stream definitions (YAML) and the layouts they point to. */
public final class StreamDefinitionReader {

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
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                out.add(read(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list stream definitions in " + folder, e);
        }
    }

    public StreamDefinition read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            StreamFile f = YAML.readValue(in, StreamFile.class);
            Layout layout = Layout.read(file.toAbsolutePath().getParent().resolve(f.layout()).normalize());
            return f.toDefinition(layout, placeholders, file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stream definition " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stream definition " + file + ": " + e.getMessage(), e);
        }
    }

    /** The YAML document as written. */
    record StreamFile(String code, int id, String name, String description, String targetTable, String layout,
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

        StreamDefinition toDefinition(Layout layout, UnaryOperator<String> resolve, Path dir) {
            require(code, "code");
            require(name, "name");
            require(targetTable, "targetTable");
            require(files, "files");
            require(record, "record");
            require(loaderColumns, "loaderColumns");
            require(quality, "quality");
            require(report, "report");
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
