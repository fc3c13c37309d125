package com.bank.gdw.loader.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;

import com.bank.gdw.loader.dcf.RejectTable;
import com.bank.gdw.loader.feed.FeedInput;
import com.bank.gdw.loader.feed.LineReader;
import com.bank.gdw.loader.stream.FileNaming;

/**
 * The reject file of a unit, to send back to the source system: {@code <TARGET>_YYYYMMDD_<unit>_REJECTS.csv} beside the
 * load report, one line per row of UTIL_TRSF_EROR_RQM3 (line, reason, column, value) with the raw record of that line
 * read again from the unit's file (in the archive or the error directory by then) through the loader's own
 * {@link FeedInput} and {@link LineReader}, so line numbers mean the same thing as in the reject table.
 */
public final class RejectExtract {

    public static final String CSV_HEADER = "line,reason,column,value,raw_record";

    private static final int PAGE = 10_000;
    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** A plain number: a spreadsheet shows it as one, whatever its sign. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]*\\.?[0-9]+");

    private final Path reportsDir;

    public RejectExtract(Path reportsDir) {
        this.reportsDir = reportsDir;
    }

    /** The reject file's name: the target table (without schema), the business date, the unit. */
    public static String fileName(String targetTable, LocalDate date, String unit) {
        String table = targetTable.substring(targetTable.lastIndexOf('.') + 1);
        return table + "_" + date.format(FileNaming.BUSINESS_DATE) + "_" + unit + "_REJECTS.csv";
    }

    public Path path(String targetTable, LocalDate date, String unit) {
        return reportsDir.resolve(fileName(targetTable, date, unit));
    }

    /**
     * Writes the reject file of a process instance, replacing an earlier one of that date and unit atomically.
     *
     * @param source the unit's load file where it lies now; its raw records are left empty when it cannot be read
     */
    public Path write(Handle h, long processId, Path target, Optional<Path> source) {
        try {
            WholeFile.write(target, tmp -> writeRows(h, processId, tmp, source));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reject file " + target + ": " + e.getMessage(), e);
        }
    }

    private static void writeRows(Handle h, long processId, Path file, Optional<Path> source) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CSV_HEADER);
            out.write('\n');
            for (long offset = 0; ; offset += PAGE) {
                List<RejectTable.Row> rows = RejectTable.page(h, processId, PAGE, offset);
                Map<Long, String> raw = rawRecords(source, rows);
                for (RejectTable.Row r : rows) {
                    out.write(r.line() + "," + field(r.reason()) + "," + field(r.column()) + "," + field(r.value()) + ","
                            + field(raw.get(r.line())));
                    out.write('\n');
                }
                if (rows.size() < PAGE) {
                    break;
                }
            }
        }
    }

    /** The raw records of the page's line numbers, one pass over the file (a page is a few thousand lines at most). */
    private static Map<Long, String> rawRecords(Optional<Path> source, List<RejectTable.Row> rows) {
        Map<Long, String> raw = new HashMap<>();
        if (source.isEmpty() || rows.isEmpty() || !Files.isReadable(source.get())) {
            return raw;
        }
        TreeSet<Long> wanted = new TreeSet<>();
        rows.forEach(r -> wanted.add(r.line()));
        try (FeedInput.Opened in = FeedInput.open(source.get())) {
            LineReader lines = new LineReader(in.records(), source.get().getFileName().toString(), MAX_LINE_BYTES);
            while (!wanted.isEmpty() && lines.next()) {
                if (wanted.remove(lines.lineNumber())) {
                    raw.put(lines.lineNumber(), StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)
                            .decode(ByteBuffer.wrap(lines.buffer(), lines.start(), lines.end() - lines.start())).toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the extract still lists every reject; only the raw records are missing
            return raw;
        }
        return raw;
    }

    /**
     * One CSV cell. A value a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return,
     * and is not a plain number) starts with a quote here, as OWASP advises for CSV files opened in spreadsheets;
     * the reject table keeps the value as it was.
     */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String s = startsFormula(value) ? "'" + value : value;
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static boolean startsFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !NUMBER.matcher(value).matches();
    }
}
