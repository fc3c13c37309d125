package com.bank.gdw.loader.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import com.bank.gdw.loader.error.ControlCharacters;
import com.bank.gdw.loader.error.TextCut;
import com.bank.gdw.loader.stream.FileNaming;

/** The optional control line of a trigger file: CTL|YYYYMMDD|record count. */
public record ControlLine(LocalDate date, long count) {

    private static final int MAX_BYTES = 4096;
    private static final Pattern ASCII_COUNT = Pattern.compile("[+-]?[0-9]+");

    /** What a trigger file says: nothing (empty), a control line, or something unreadable. */
    public record Reading(ControlLine control, String problem) { }

    public static Reading read(Path trigger, char delimiter) throws IOException {
        byte[] bytes;
        try (InputStream in = ByteOrderMark.skipped(Files.newInputStream(trigger))) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            return new Reading(null, trigger.getFileName() + ": trigger file longer than " + MAX_BYTES + " bytes; expected one control line");
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return new Reading(null, null);
        }
        if (lines.size() > 1) {
            return new Reading(null, trigger.getFileName() + ": " + lines.size() + " lines; expected one control line CTL" + delimiter + "YYYYMMDD" + delimiter + "count");
        }
        String[] f = lines.get(0).split(Pattern.quote(String.valueOf(delimiter)), -1);
        if (f.length != 3 || !"CTL".equals(f[0].strip())) {
            return new Reading(null, trigger.getFileName() + " line 1: not a control line CTL" + delimiter + "YYYYMMDD" + delimiter + "count: " + cut(lines.get(0)));
        }
        LocalDate date = FileNaming.parseDate(f[1].strip());
        if (date == null) {
            return new Reading(null, trigger.getFileName() + " line 1 column 2: not a date YYYYMMDD: " + cut(f[1]));
        }
        Long count = count(f[2].strip());
        if (count == null) {
            return new Reading(null, trigger.getFileName() + " line 1 column 3: not a record count: " + cut(f[2]));
        }
        if (count < 0) {
            return new Reading(null, trigger.getFileName() + " line 1 column 3: negative record count " + count);
        }
        return new Reading(new ControlLine(date, count), null);
    }

    /** The count in ASCII digits, as the records' numbers are (Long.parseLong alone reads any script's digits), or null. */
    private static Long count(String written) {
        if (!ASCII_COUNT.matcher(written).matches()) {
            return null;
        }
        try {
            return Long.parseLong(written);
        } catch (NumberFormatException e) {
            return null; // past a long
        }
    }

    /** What the line holds, shown in the unit's error: escaped, as the file may hold anything. */
    private static String cut(String s) {
        return ControlCharacters.escaped(TextCut.atMost(s, 83, "..."));
    }
}
