package com.bank.gdw.loader.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A unit whose outcome is committed but whose files could not all be moved (the archive broke off) is finished by
 * the running serve itself, at its next sweep: it does not wait in inprocess for a new file of the stream, or a restart.
 */
class InterruptedArchiveTest {

    @Test
    void a_serve_finishes_an_interrupted_archive_at_its_next_sweep_without_a_new_file() throws Exception {
        Path data = Path.of("target", "it", "interrupted-archive").toAbsolutePath();
        LoaderHarness.deleteTree(data);
        LocalDate date = LocalDate.of(2026, 9, 14);
        Path landing = Files.createDirectories(data.resolve("landing"));
        FeedGenerator.Generated unit = new FeedGenerator(new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"))).generate(landing, "BCFINSG_CA", date, 50, 0);
        Path inbound = data.resolve("archive/inbound");
        Path fault = data.resolve("fault");
        Map<String, String> p = ChildLoader.quickServe(data);
        p.put("loader.sweep.enabled", "true");
        p.put("loader.sweep.cron", "0/2 * * * * ?");
        p.put("loader.fault.pause-at", "mid-archive");
        p.put("loader.fault.dir", fault.toString());

        try (ChildLoader serve = ChildLoader.start(data.resolve("serve.log"), p, Map.of(), "serve")) {
            // the first file is archived and the loader holds before the other's move: a file is put where the
            // other's archive directory should be, so that move fails
            assertThat(serve.awaitFile(fault.resolve("mid-archive.reached"), Duration.ofMinutes(2))).as(serve.output()).isTrue();
            Path loadArchived = data.resolve("archive/outbound").resolve(unit.loadFile().getFileName());
            Path triggerArchived = inbound.resolve(unit.triggerFile().getFileName());
            Path blocked = Files.exists(triggerArchived) ? loadArchived.getParent() : inbound;
            deleteIfEmptyDirectory(blocked);
            Files.writeString(blocked, "not a directory\n");
            Files.writeString(fault.resolve("mid-archive.release"), "");
            await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                    .until(() -> serve.output().contains("could not be moved"));
            assertThat(filesUnder(data.resolve("inprocess"))).hasSize(1);

            // the obstacle goes; no file arrives, the sweep finishes the move
            Files.delete(blocked);

            await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                    .until(() -> Files.exists(loadArchived) && Files.exists(triggerArchived));
            assertThat(filesUnder(data.resolve("inprocess"))).as(serve.output()).isEmpty();
            assertThat(LoaderHarness.files(landing)).isEmpty();
        }
    }

    /** The files under a directory, at any depth (inprocess keeps a unit's files in a directory of its own). */
    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteIfEmptyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            Files.delete(dir);
        }
    }
}
