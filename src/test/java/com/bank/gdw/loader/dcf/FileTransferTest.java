package com.bank.gdw.loader.dcf;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** A file moved to a new name is never written over another: created new, across directories and file systems. */
class FileTransferTest {

    private Path dir;

    @BeforeEach
    void fresh() throws Exception {
        dir = Files.createDirectories(Path.of("target", "file-transfer", String.valueOf(System.nanoTime())).toAbsolutePath());
    }

    @Test
    void a_file_moves_to_a_new_name_in_another_directory() throws Exception {
        Path source = Files.writeString(Files.createDirectories(dir.resolve("inprocess/7")).resolve("A.txt"), "rows\n");
        Path target = dir.resolve("archive/outbound/A.txt");

        FileTransfer.moveToNew(source, target);

        assertThat(source).doesNotExist();
        assertThat(target).hasContent("rows");
    }

    /**
     * What is at the target stays, and so does the source: for a move to a new name (archive, error) and for the rename
     * of a claim into the unit's own directory alike.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"moveToNew", "rename"})
    void an_existing_target_is_never_overwritten_and_the_source_stays(String move) throws Exception {
        Path source = Files.writeString(dir.resolve("B.txt"), "ours\n");
        Path target = Files.writeString(Files.createDirectories(dir.resolve("archive")).resolve("B.txt"), "somebody else's\n");

        assertThatThrownBy(() -> {
            if (move.equals("rename")) {
                FileTransfer.rename(source, target);
            } else {
                FileTransfer.moveToNew(source, target);
            }
        }).isInstanceOf(FileAlreadyExistsException.class);

        assertThat(target).hasContent("somebody else's");
        assertThat(source).hasContent("ours");
    }

    /** A file where the target's directory should be is named as such: nothing "appeared" at the target. */
    @Test
    void a_file_in_place_of_the_target_directory_is_named_as_not_a_directory_and_the_source_stays() throws Exception {
        Path source = Files.writeString(dir.resolve("D.txt"), "ours\n");
        Path notADirectory = Files.writeString(Files.createDirectories(dir.resolve("archive")).resolve("outbound"), "a file\n");

        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> FileTransfer.moveToNew(source, notADirectory.resolve("D.txt")));

        assertThat(e).isInstanceOf(java.nio.file.NotDirectoryException.class).hasMessage(notADirectory + " is not a directory");
        assertThat(source).hasContent("ours");
    }

    @Test
    void of_many_files_racing_for_one_name_exactly_one_gets_it_and_no_other_is_lost() throws Exception {
        int racers = 16;
        Path target = dir.resolve("archive/C.txt");
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            sources.add(Files.writeString(dir.resolve("C.txt." + i), "racer " + i + "\n"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (Path source : sources) {
                Callable<Boolean> move = () -> {
                    start.await();
                    try {
                        FileTransfer.moveToNew(source, target);
                        return true;
                    } catch (FileAlreadyExistsException e) {
                        return false;
                    }
                };
                results.add(pool.submit(move));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        long left = sources.stream().filter(Files::exists).count();
        assertThat(left).as("every loser keeps its file").isEqualTo(racers - 1);
        String won = Files.readString(target);
        assertThat(sources.stream().filter(p -> !Files.exists(p)).map(p -> "racer " + p.toString().substring(p.toString().lastIndexOf('.') + 1) + "\n"))
                .containsExactly(won);
    }

    @Test
    void a_move_to_another_file_system_copies_then_links_into_place_and_leaves_no_part_file() throws Exception {
        Path other = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(other) && Files.isWritable(other)
                && !Files.getFileStore(other).equals(Files.getFileStore(dir))).as("a second file system at /dev/shm").isTrue();
        Path source = Files.writeString(dir.resolve("D.txt"), "across\n");
        Path targetDir = Files.createTempDirectory(other, "file-transfer");
        Path target = targetDir.resolve("D.txt");
        try {
            FileTransfer.moveToNew(source, target);

            assertThat(source).doesNotExist();
            assertThat(target).hasContent("across");
            assertThat(targetDir.resolve("D.txt.part")).doesNotExist();

            Path second = Files.writeString(dir.resolve("D.txt"), "another\n");
            assertThatThrownBy(() -> FileTransfer.moveToNew(second, target)).isInstanceOf(FileAlreadyExistsException.class);
            assertThat(target).hasContent("across");
            assertThat(second).hasContent("another");
            assertThat(targetDir.resolve("D.txt.part")).doesNotExist();
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(targetDir);
        }
    }
}
