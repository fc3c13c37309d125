package com.bank.gdw.loader.stream;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loader's directories: an archive, error, report or scratch directory that is landing itself is refused. */
class DirectoriesTest {

    private final Path data = Path.of("target", "directories-test").toAbsolutePath();

    @Test
    void an_archive_directory_that_is_landing_is_refused_before_any_directory_is_made() throws Exception {
        deleteTree(data);
        Directories d = Directories.under(data);
        Directories archiveInLanding = new Directories(d.landing(), d.inprocess(), data.resolve("landing/"), d.archiveTrigger(),
                d.error(), d.reports(), d.work());

        assertThatThrownBy(archiveInLanding::create).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loader.dir.archive-load must not be loader.dir.landing (" + d.landing() + "): files moved there would "
                        + "stay in landing and be loaded again by every run");
        assertThat(data).doesNotExist();
    }

    @Test
    void an_inprocess_directory_inside_landing_is_made() throws Exception {
        deleteTree(data);
        Directories d = Directories.under(data);
        Directories inprocessInLanding = new Directories(d.landing(), d.landing().resolve(".inprocess"), d.archiveLoad(),
                d.archiveTrigger(), d.error(), d.reports(), d.work());

        inprocessInLanding.create();

        assertThat(d.landing().resolve(".inprocess")).isDirectory();
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
