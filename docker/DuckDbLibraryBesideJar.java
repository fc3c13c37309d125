import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves DuckDB's native library for one Linux architecture out of the loader's jar to a file beside the jar, and
 * drops the other architectures' copies from the jar. The DuckDB driver loads its library from beside its jar when
 * the jar does not carry one; when it does, the driver unpacks the 72 MB library into the temporary directory at
 * every start (about 0.6 s of CPU) and a process killed with SIGKILL leaves that copy behind. docker/Dockerfile runs
 * this at build time:
 * <pre>
 *     java docker/DuckDbLibraryBesideJar.java target/gdw-loader.jar amd64     (or arm64)
 * </pre>
 * The jar then needs the library file beside it: copy both.
 */
public class DuckDbLibraryBesideJar {

    private static final String PREFIX = "libduckdb_java.so_";

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !List.of("amd64", "arm64").contains(args[1])) {
            System.err.println("usage: java docker/DuckDbLibraryBesideJar.java JAR amd64|arm64");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        String library = PREFIX + "linux_" + args[1];
        Path beside = jar.getParent().resolve(library);
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Path inside = zip.getPath("/" + library);
            if (!Files.exists(inside)) {
                System.err.println("DuckDbLibraryBesideJar: " + jar + " carries no " + library);
                System.exit(1);
            }
            Files.copy(inside, beside, StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> root = Files.list(zip.getPath("/"))) {
                for (Path entry : root.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                    Files.delete(entry);
                }
            }
        }
        System.out.printf("DuckDbLibraryBesideJar: %s (%d bytes) beside %s (%d bytes)%n", beside, Files.size(beside), jar,
                Files.size(jar));
    }
}
