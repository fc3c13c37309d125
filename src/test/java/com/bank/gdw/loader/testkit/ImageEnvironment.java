package com.bank.gdw.loader.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The ENV instructions of docker/Dockerfile: what every container of the image starts with. */
public final class ImageEnvironment {

    private static final Pattern KEY_VALUE = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    private ImageEnvironment() {
    }

    public static Map<String, String> read() {
        Map<String, String> env = new LinkedHashMap<>();
        StringBuilder instruction = null;
        try {
            for (String line : Files.readAllLines(Path.of("docker", "Dockerfile"))) {
                if (instruction == null && line.startsWith("ENV ")) {
                    instruction = new StringBuilder(line.substring(4));
                } else if (instruction != null) {
                    instruction.append(' ').append(line.strip());
                }
                if (instruction != null && !line.endsWith("\\")) {
                    Matcher kv = KEY_VALUE.matcher(instruction.toString().replace("\\", " "));
                    while (kv.find()) {
                        env.put(kv.group(1), kv.group(2).replaceAll("^\"|\"$", ""));
                    }
                    instruction = null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(env).as("ENV of docker/Dockerfile").containsKeys("LOADER_DATA_DIR", "JAVA_TOOL_OPTIONS");
        return env;
    }
}
