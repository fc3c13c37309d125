package com.bank.gdw.loader.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's heap figures, read from a JVM's own GC log. */
class HeapPeakTest {

    @Test
    void peak_is_the_most_in_use_when_a_collection_starts_and_live_the_most_left_after_a_remark() throws Exception {
        Path log = Files.createDirectories(Path.of("target", "heap-peak")).resolve("gc.log");
        Files.writeString(log, """
                [0.003s][info][gc] Using G1
                [0.291s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 21M->11M(256M) 3.121ms
                [24.623s][info][gc] GC(38) Pause Young (Concurrent Start) (G1 Evacuation Pause) 167M->165M(192M) 24.001ms
                [24.715s][info][gc] GC(39) Pause Remark 167M->75M(192M) 5.950ms
                [38.545s][info][gc] GC(56) Pause Remark 175M->87M(205M) 6.589ms
                [50.647s][info][gc] GC(66) Pause Young (Normal) (G1 Evacuation Pause) 150M->137M(205M) 408.459ms
                [51.000s][info][gc] GC(67) Pause Full (System.gc()) 1G->512K(1G) 20.000ms
                """);

        HeapPeak heap = HeapPeak.fromGcLog(log);

        assertThat(heap.peakBytes()).isEqualTo(1L << 30);
        assertThat(heap.maxLiveBytes()).isEqualTo(87L << 20);
        assertThat(heap.maxHeapBytes()).isEqualTo(1L << 30);
        assertThat(heap.collections()).isEqualTo(6);
    }

    @Test
    void without_a_marking_cycle_live_is_the_most_left_after_any_collection() throws Exception {
        Path log = Files.createDirectories(Path.of("target", "heap-peak")).resolve("young-only.log");
        Files.writeString(log, """
                [0.291s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 21M->11M(256M) 3.121ms
                [0.479s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 25M->12M(256M) 2.000ms
                """);

        HeapPeak heap = HeapPeak.fromGcLog(log);

        assertThat(heap.peakBytes()).isEqualTo(25L << 20);
        assertThat(heap.maxLiveBytes()).isEqualTo(12L << 20);
    }
}
