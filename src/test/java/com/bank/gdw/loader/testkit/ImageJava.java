package com.bank.gdw.loader.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The Java the image runs the jar on (docker/Dockerfile: Temurin 25, for its AOT cache), which the image's checks run
 * the packaged jar with: the JDK named by {@code -Dloader.image.java-home} or {@code LOADER_IMAGE_JAVA_HOME}, else
 * the tests' own when it is Java 25 (the pom's profile image-java), else the first Java 25 under /usr/lib/jvm. A machine without one skips those checks, saying why; CI has one
 * (.ci/run checks it).
 */
public final class ImageJava {

    public static final int VERSION = 25;
    private static final String IMAGE_CACHE = "-XX:AOTCache=/app/gdw-loader.aot";
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private ImageJava() {
    }

    /** The {@code java} binary of the image's Java; skips the calling test when this machine has none. */
    public static String binary() {
        Optional<Path> home = home();
        Assumptions.assumeTrue(home.isPresent(), "no Java " + VERSION + " here (the image's): set LOADER_IMAGE_JAVA_HOME");
        return home.get().resolve("bin").resolve("java").toString();
    }

    /** The image's Java's {@code bin} folder, to put first on a script's PATH. */
    public static String binFolder() {
        return Path.of(binary()).getParent().toString();
    }

    /**
     * The image's JVM options: {@code JAVA_TOOL_OPTIONS} as docker/Dockerfile sets them, with the AOT cache at
     * {@code cache} instead of /app/gdw-loader.aot (none when null).
     */
    public static String toolOptions(Path cache) {
        String options = ImageEnvironment.read().get("JAVA_TOOL_OPTIONS");
        if (!options.contains(IMAGE_CACHE)) {
            throw new IllegalStateException("docker/Dockerfile's JAVA_TOOL_OPTIONS name no " + IMAGE_CACHE + ": " + options);
        }
        return options.replace(IMAGE_CACHE, cache == null ? "" : "-XX:AOTCache=" + cache).strip();
    }

    static Optional<Path> home() {
        String named = System.getProperty("loader.image.java-home", System.getenv("LOADER_IMAGE_JAVA_HOME"));
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        if (Runtime.version().feature() == VERSION) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.sorted().filter(ImageJava::isImageVersion).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isImageVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return false;
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
            return m.find() && Integer.parseInt(m.group(1)) == VERSION;
        } catch (IOException e) {
            return false;
        }
    }
}
