package com.bank.gdw.loader.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much heap a JVM used, read from its own GC log ({@code -Xlog:gc}): the most in use when a collection started
 * (the peak), and the most still in use after a marking cycle's remark (what the program kept reachable, give or take
 * floating garbage; after any collection when no marking ran). Young collections alone say little about that: G1
 * promotes the strings of batches still queued, and they stay in the old generation until the next marking.
 */
public record HeapPeak(long peakBytes, long maxLiveBytes, long maxHeapBytes, int collections) {

    /** "Pause Young (Normal) (G1 Evacuation Pause) 105M->12M(256M) 3.1ms" and the like, for every collector. */
    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    public static HeapPeak fromGcLog(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GC log " + log, e);
        }
        long peak = 0;
        long afterAny = 0;
        long afterRemark = -1;
        long max = 0;
        int n = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                n++;
                long after = bytes(m.group(3), m.group(4));
                peak = Math.max(peak, bytes(m.group(1), m.group(2)));
                afterAny = Math.max(afterAny, after);
                if (line.contains("Pause Remark")) {
                    afterRemark = Math.max(afterRemark, after);
                }
                max = Math.max(max, bytes(m.group(5), m.group(6)));
            }
        }
        return new HeapPeak(peak, afterRemark >= 0 ? afterRemark : afterAny, max, n);
    }

    private static long bytes(String number, String unit) {
        long v = Long.parseLong(number);
        return switch (unit) {
            case "K" -> v << 10;
            case "M" -> v << 20;
            default -> v << 30;
        };
    }

    public String describe() {
        return collections == 0 ? "no GC" : mb(peakBytes) + " peak, " + mb(maxLiveBytes) + " live";
    }

    static String mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0)) + " MB";
    }
}
