package com.bank.gdw.loader.it;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.stream.StreamDefinitionReader;
import com.bank.gdw.loader.testkit.ChildLoader;
import com.bank.gdw.loader.testkit.TestDatabase;

/**
 * One-shot {@code run} commands in JVMs of their own against a fresh PostgreSQL database, with a data directory
 * whose landing holds one generated unit: for tests that change the database between runs, as a DBA would.
 */
record PostgresRuns(Path data, String url, Map<String, String> properties, Map<String, String> env) {

    static PostgresRuns with(String name, LocalDate unitDate, int rows) throws java.io.IOException {
        Path data = Path.of("target", "it", name).toAbsolutePath();
        LoaderHarness.deleteTree(data);
        String url = TestDatabase.POSTGRESQL.freshUrl(name.replace('-', '_'));
        new FeedGenerator(new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml")))
                .generate(data.resolve("landing"), "BCFINSG_CA", unitDate, rows, 0);
        Map<String, String> properties = new HashMap<>();
        properties.put("loader.data-dir", data.toString());
        properties.put("loader.files.settle-ms", "0");
        return new PostgresRuns(data, url, properties, Map.of("LOADER_DB_URL", url, "LOADER_DB_USER", TestDatabase.PG_USER));
    }

    /** {@code run --date yyyymmdd}, its output in {@code <log>.log} of the data directory. */
    ChildLoader run(String log, String yyyymmdd) {
        return ChildLoader.start(data.resolve(log + ".log"), properties, env, "run", "--date", yyyymmdd);
    }
}
