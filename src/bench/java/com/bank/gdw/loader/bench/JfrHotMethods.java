package com.bank.gdw.loader.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a loader profile says dominates: per thread, the methods most often on top of the stack in Java samples
 * (jdk.ExecutionSample) and in native samples (jdk.NativeMethodSample: where DuckDB's engine and socket writes run).
 */
final class JfrHotMethods {

    private JfrHotMethods() {
    }

    static String summarize(Path recording, int top) throws IOException {
        Map<String, Map<String, Integer>> byThreadAndFrame = new HashMap<>();
        Map<String, Integer> perThread = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            boolean java = type.equals("jdk.ExecutionSample");
            if (!java && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            String thread = threadName(e);
            String key = (java ? "java   " : "native ") + thread;
            perThread.merge(key, 1, Integer::sum);
            byThreadAndFrame.computeIfAbsent(key, k -> new HashMap<>()).merge(frame(st.getFrames()), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder();
        perThread.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6).forEach(t -> {
            sb.append(String.format("  %-40s %6d samples%n", t.getKey(), t.getValue()));
            byThreadAndFrame.get(t.getKey()).entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(top).forEach(f -> sb.append(String.format("      %5.1f%%  %s%n", 100.0 * f.getValue() / t.getValue(), f.getKey())));
        });
        return sb.toString();
    }

    private static String threadName(RecordedEvent e) {
        var t = e.getThread("sampledThread");
        String name = t == null ? "?" : t.getJavaName();
        // numbered pool threads count as one
        return name == null ? "?" : name.replaceAll("-\\d+$", "-N");
    }

    /** The top frame, and the loader's own frame under it when the top is in a library. */
    private static String frame(List<RecordedFrame> frames) {
        String top = method(frames.get(0));
        String ours = frames.stream().map(JfrHotMethods::method).filter(m -> m.startsWith("com.bank.")).findFirst().orElse(null);
        return ours == null || ours.equals(top) ? top : top + "  <- " + ours;
    }

    private static String method(RecordedFrame f) {
        var m = f.getMethod();
        return m.getType().getName() + "." + m.getName();
    }
}
