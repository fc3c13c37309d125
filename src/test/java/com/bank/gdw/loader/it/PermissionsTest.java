package com.bank.gdw.loader.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinition;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File permissions the loader cannot get past: an unreadable load file and an archive directory it may not write.
 * The loader runs as an unprivileged user (root reads and writes everything), from a world-readable copy of the
 * test classpath.
 */
class PermissionsTest {

    private static final StreamDefinition STREAM = new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml"));
    private static final Path ROOT = Path.of("target", "it", "permissions").toAbsolutePath();
    private static String classpath;
    private static List<String> asUnprivileged;

    @BeforeAll
    static void unprivilegedLoader() throws IOException {
        LoaderHarness.deleteTree(ROOT);
        Files.createDirectories(ROOT);
        boolean root = "root".equals(System.getProperty("user.name"));
        asUnprivileged = root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
        Path cp = Files.createDirectories(ROOT.resolve("classpath"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String e : ChildLoader.classpath().split(java.io.File.pathSeparator)) {
            Path from = Path.of(e);
            Path to = cp.resolve((i++) + "-" + from.getFileName());
            copyTree(from, to);
            entries.add(to.toString());
        }
        classpath = String.join(java.io.File.pathSeparator, entries);
        openUp(ROOT);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Everything below readable and writable by everyone (the unprivileged loader included). */
    private static void openUp(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(p -> {
                try {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static ChildLoader run(Path data, LocalDate date) {
        Map<String, String> p = new HashMap<>();
        p.put("loader.data-dir", data.toString());
        p.put("loader.files.settle-ms", "0");
        p.put("java.io.tmpdir", data.resolve("tmp").toString());
        return ChildLoader.start(asUnprivileged, classpath, data.resolve("child.log"), p, Map.of("HOME", data.toString()),
                "run", "--date", date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    }

    private static Path dataDir(String name) throws IOException {
        Path data = ROOT.resolve(name);
        for (String d : new String[] {"landing", "archive/outbound", "archive/inbound", "error", "reports", "db", "work", "tmp"}) {
            Files.createDirectories(data.resolve(d));
        }
        openUp(data);
        return data;
    }

    @Test
    void an_unreadable_load_file_fails_its_unit_with_the_file_named_and_nothing_is_lost() throws Exception {
        LocalDate date = LocalDate.of(2026, 3, 3);
        Path data = dataDir("unreadable");
        FeedGenerator.Generated g = new FeedGenerator(STREAM).generate(data.resolve("landing"), "BCFINSG_CA", date, 100, 0);
        openUp(data);
        Files.setPosixFilePermissions(g.loadFile(), PosixFilePermissions.fromString("---------"));

        try (ChildLoader child = run(data, date)) {
            assertThat(child.awaitExit(Duration.ofMinutes(2))).as(child.output()).isEqualTo(1);
            // the unit claimed the file into inprocess before reading it: the message names it there
            assertThat(child.output()).contains(g.loadFile().getFileName() + ": FAILED: AccessDeniedException: "
                    + data.resolve("inprocess/1").resolve(g.loadFile().getFileName()));
        }

        try (LoaderHarness h = LoaderHarness.start("permissions/unreadable", LoaderHarness.options().existing(null))) {
            assertThat(h.rows("SELECT PRCS_STATUS FROM DCF_T_PRCS_INST")).extracting(r -> r.get("PRCS_STATUS")).containsExactly("FAILED");
            assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isZero();
            assertThat(LoaderHarness.files(h.error())).contains(g.loadFile().getFileName().toString(), g.triggerFile().getFileName().toString());
            h.dropped(g.loadFile());
            h.dropped(g.triggerFile());
            DcfInvariants.assertHold(h);
        }
    }

    @Test
    void an_archive_directory_that_cannot_be_written_stops_the_run_and_the_files_are_archived_once_it_can() throws Exception {
        LocalDate date = LocalDate.of(2026, 3, 4);
        Path data = dataDir("archive-readonly");
        FeedGenerator.Generated g = new FeedGenerator(STREAM).generate(data.resolve("landing"), "BCFINSG_CA", date, 100, 0);
        openUp(data);
        Files.setPosixFilePermissions(data.resolve("archive/outbound"), PosixFilePermissions.fromString("r-xr-xr-x"));

        try (ChildLoader child = run(data, date)) {
            assertThat(child.awaitExit(Duration.ofMinutes(2))).as(child.output()).isEqualTo(1);
            assertThat(child.output()).contains("the files of BCFINSG_CA could not be moved", "archive/outbound");
        }
        // the load file waits in the unit's inprocess directory, its archive move written down
        assertThat(DcfInvariants.filesUnder(data.resolve("inprocess"))).extracting(p -> p.getFileName().toString())
                .contains(g.loadFile().getFileName().toString());

        Files.setPosixFilePermissions(data.resolve("archive/outbound"), PosixFilePermissions.fromString("rwxrwxrwx"));
        try (LoaderHarness h = LoaderHarness.start("permissions/archive-readonly", LoaderHarness.options().existing(null))) {
            // the start finished the moves the failed run had written down; the unit is not loaded twice
            assertThat(LoaderHarness.files(h.landing())).isEmpty();
            assertThat(LoaderHarness.files(h.archiveLoad())).contains(g.loadFile().getFileName().toString());
            assertThat(h.rows("SELECT PRCS_STATUS FROM DCF_T_PRCS_INST")).extracting(r -> r.get("PRCS_STATUS")).containsExactly("COMPLETED");
            assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isEqualTo(100);
            h.dropped(g.loadFile());
            h.dropped(g.triggerFile());
            DcfInvariants.assertHold(h);
        }
    }
}
