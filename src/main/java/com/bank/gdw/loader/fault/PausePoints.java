package com.bank.gdw.loader.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named places in a load where the crash tests stop the loader and kill it (SIGKILL) to prove recovery. With the
 * system property {@code loader.fault.pause-at} set to a point's name, the first thread reaching it writes
 * {@code <name>.reached} into {@code loader.fault.dir} and waits there for the kill, or until a file
 * {@code <name>.release} appears there (the lease-fencing test resumes a holder it paused past its lease). Unset
 * (always, in production), {@link #reach} is a field read.
 */
public final class PausePoints {

    private static final String POINT = System.getProperty("loader.fault.pause-at");
    private static final Path DIR = Path.of(System.getProperty("loader.fault.dir", "."));
    private static volatile boolean reached;

    private PausePoints() {
    }

    /** Pauses here when the crash test chose this point: for good, or until the test writes the release file. */
    public static void reach(String name) {
        if (POINT == null || !POINT.equals(name) || reached) {
            return;
        }
        synchronized (PausePoints.class) {
            if (reached) {
                return;
            }
            reached = true;
        }
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(name + ".reached"), String.valueOf(ProcessHandle.current().pid()));
            Path release = DIR.resolve(name + ".release");
            while (!Files.exists(release)) {
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pause point " + name + " interrupted", e);
        }
    }
}
