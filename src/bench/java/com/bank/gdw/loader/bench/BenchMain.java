package com.bank.gdw.loader.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: the loader against each database's own bulk import of the same generated file. Not part of the
 * loader's jar: {@code target/gdw-loader-bench.jar} beside it, started by the {@code bench} script at the top of the
 * repository ({@code java -cp target/gdw-loader.jar:target/gdw-loader-bench.jar com.bank.gdw.loader.bench.BenchMain}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Generate a feed file, load it with the loader (a child JVM with a capped heap) into PostgreSQL and the "
                + "embedded DuckDB, load the same file with PostgreSQL's text COPY and DuckDB's read_csv, and print rows/s, MB/s, "
                + "seconds, peak heap and the ratios.%nExit code 0 when every load wrote every row.")
public final class BenchMain implements Callable<Integer> {

    /** Exit code of a bad argument, as the loader's. */
    static final int USAGE = 2;

    @Option(names = "--rows", split = ",", paramLabel = "N", defaultValue = "1000000",
            description = "Rows of the file; several sizes (1000000,5000000) also compare the loader's heap (default: ${DEFAULT-VALUE}).")
    List<Long> rows;

    @Option(names = "--targets", split = ",", paramLabel = "DB", defaultValue = "postgresql,duckdb",
            description = "postgresql, duckdb or both (default: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(names = "--pg-url", paramLabel = "URL", defaultValue = "${env:LOADER_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}",
            description = "A database on the PostgreSQL server; the benchmark creates and drops gdw_bench_loader and gdw_bench_raw "
                    + "beside it (default: ${DEFAULT-VALUE}).")
    String pgUrl;

    @Option(names = "--pg-user", paramLabel = "USER", defaultValue = "${env:LOADER_BENCH_PG_USER:-postgres}",
            description = "Default: ${DEFAULT-VALUE}.")
    String pgUser;

    @Option(names = "--pg-password", paramLabel = "PASSWORD", defaultValue = "${env:LOADER_BENCH_PG_PASSWORD:-}",
            description = "Default: LOADER_BENCH_PG_PASSWORD, else none.")
    String pgPassword;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "256m", description = "-Xmx of the loader JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/bench",
            description = "Folder for the generated files, the loaders' data directories and results.csv (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--streams-dir", paramLabel = "DIR", defaultValue = "${env:LOADER_STREAMS_DIR:-config/streams}",
            description = "Folder of stream definitions (default: ${DEFAULT-VALUE}, else those in the jar).")
    Path streamsDir;

    @Option(names = "--duckdb-memory-limit", paramLabel = "SIZE", defaultValue = "${env:LOADER_DUCKDB_MEMORY_LIMIT:-2GB}",
            description = "memory_limit of DuckDB's own import, as the loader's loader.duckdb.memory-limit (default: ${DEFAULT-VALUE}).")
    String duckdbMemoryLimit;

    @Option(names = "--keep", description = "Keep the benchmark databases and files afterwards.")
    boolean keep;

    @Option(names = "--jfr", description = "Record the loader JVMs with Java Flight Recorder and print their hottest methods.")
    boolean jfr;

    @Option(names = "--verify", description = "After timing, check that the loader wrote the same values as each database's own "
            + "import of the file (row count and an order-independent checksum of the file columns).")
    boolean verify;

    @Option(names = "--startup-only", description = "Measure only the start-up figures (status, run of 1,000 rows, serve until ready) and the shipped size.")
    boolean startupOnly;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "Load the file N times into each target, each time right after its database's own import of it, and "
                    + "print the median of the rounds' ratios with the lowest and highest: on a 2-core machine one pair can be "
                    + "10 %% off (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--startup-rounds", paramLabel = "N", defaultValue = "3",
            description = "Start each start-up command N times and print the median (default: ${DEFAULT-VALUE}).")
    int startupRounds;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "A JVM option for every loader the benchmark starts (loads and start-up), e.g. the image's "
                    + "-XX:AOTCache=target/gdw-loader.aot (repeatable). The loaders run on the benchmark's own Java: "
                    + "run it on the image's (Java 25) to measure what the image runs.")
    List<String> jvmOptions = new java.util.ArrayList<>();

    @Option(names = "--snowflake-url", paramLabel = "URL",
            description = "Also load into this Snowflake (e.g. the fakesnow emulator: jdbc:snowflake://127.0.0.1:PORT/?account=fakesnow&ssl=off&db=BENCH1&schema=PUBLIC; "
                    + "a fresh db= each time) and print its row count and rows/s: a proof of the path, not a performance claim.")
    String snowflakeUrl;

    @Option(names = "--snowflake-user", paramLabel = "USER", defaultValue = "${env:LOADER_BENCH_SNOWFLAKE_USER:-}", description = "Default: none (in the URL).")
    String snowflakeUser;

    @Option(names = "--snowflake-password", paramLabel = "PASSWORD", defaultValue = "${env:LOADER_BENCH_SNOWFLAKE_PASSWORD:-}",
            description = "Default: LOADER_BENCH_SNOWFLAKE_PASSWORD, else none.")
    String snowflakePassword;

    @Override
    public Integer call() throws Exception {
        List<String> kinds = targets.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
        for (String k : kinds) {
            if (!k.equals("postgresql") && !k.equals("duckdb")) {
                throw new IllegalArgumentException("--targets takes postgresql and duckdb, not " + k);
            }
        }
        if (rounds < 1 || startupRounds < 1) {
            throw new IllegalArgumentException("--rounds and --startup-rounds must be at least 1");
        }
        if (rows.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--rows must be at least 1");
        }
        Benchmark.Settings settings = new Benchmark.Settings(rows.stream().sorted().toList(), kinds.contains("postgresql"),
                kinds.contains("duckdb"), pgUrl, pgUser, pgPassword, heap, work, streamsDir, duckdbMemoryLimit, keep, jfr, verify,
                startupOnly, jvmOptions, snowflakeUrl, snowflakeUser, snowflakePassword, rounds, startupRounds);
        return new Benchmark(settings, System.out).run() ? 0 : 1;
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cli = new CommandLine(new BenchMain()).setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("bench: " + ex.getMessage() + " (see --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                err.println("bench: " + ex.getMessage());
                return USAGE;
            }
            err.println("bench: " + ex);
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
