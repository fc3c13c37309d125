package com.bank.gdw.loader.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The checkpoint of the crash tests' child loaders (their classpath is the tests', which names this class in
 * {@code META-INF/services}). With the system property {@code loader.fault.pause-at} set to a point's name, the
 * first thread reaching it writes {@code <name>.reached} (the process id) into {@code loader.fault.dir} and waits
 * there for the kill, or until a file {@code <name>.release} appears there (the lease-fencing test resumes a holder
 * it paused past its lease). Without the property it passes every point, as {@link Checkpoint#NONE} does.
 */
public final class PausingCheckpoint implements Checkpoint {

    private final String point = System.getProperty("loader.fault.pause-at");
    private final Path dir = Path.of(System.getProperty("loader.fault.dir", "."));
    private final AtomicBoolean reached = new AtomicBoolean();

    @Override
    public void reach(String name) {
        if (point == null || !point.equals(name) || !reached.compareAndSet(false, true)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".reached"), String.valueOf(ProcessHandle.current().pid()));
            Path release = dir.resolve(name + ".release");
            while (!Files.exists(release)) {
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pause point " + name + " interrupted", e);
        }
    }
}
