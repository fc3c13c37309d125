package com.bank.gdw.loader.lineage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenLineage dataset names (the spec's naming conventions): a local file is namespace {@code file}, name its absolute
 * path; a PostgreSQL table {@code postgres://host:port} and {@code database.schema.table}; a Snowflake table
 * {@code snowflake://account} and {@code DATABASE.SCHEMA.TABLE}; a DuckDB table {@code duckdb://<file>} and
 * {@code catalog.schema.table} (the catalog is the file's base name, as DuckDB names it).
 */
public record DatasetNames(String namespace, String name) {

    private static final Pattern POSTGRES = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]*)(\\?.*)?");
    private static final Pattern SNOWFLAKE = Pattern.compile("jdbc:snowflake://([^/:?]+)(?::\\d+)?/?(\\?.*)?", Pattern.CASE_INSENSITIVE);

    public static DatasetNames file(Path file) {
        return new DatasetNames("file", file.toAbsolutePath().normalize().toString());
    }

    /** The target table of a JDBC URL (the loader's DuckDB, PostgreSQL or Snowflake). */
    public static DatasetNames table(String jdbcUrl, String table) {
        Matcher pg = POSTGRES.matcher(jdbcUrl);
        if (pg.matches()) {
            String port = pg.group(2) == null ? "5432" : pg.group(2);
            String schema = parameter(pg.group(4), "currentSchema", "public");
            // unquoted names fold to lower case in PostgreSQL
            return new DatasetNames("postgres://" + pg.group(1) + ":" + port,
                    (pg.group(3) + "." + schema + "." + table).toLowerCase(Locale.ROOT));
        }
        Matcher sf = SNOWFLAKE.matcher(jdbcUrl);
        if (sf.matches()) {
            String host = sf.group(1).toLowerCase(Locale.ROOT);
            String account = host.endsWith(".snowflakecomputing.com")
                    ? host.substring(0, host.length() - ".snowflakecomputing.com".length()) : host;
            String db = parameter(sf.group(2), "db", "");
            String schema = parameter(sf.group(2), "schema", "PUBLIC");
            return new DatasetNames("snowflake://" + account, (db + "." + schema + "." + table).toUpperCase(Locale.ROOT));
        }
        if (jdbcUrl.startsWith("jdbc:duckdb:")) {
            String file = jdbcUrl.substring("jdbc:duckdb:".length());
            int q = file.indexOf('?');
            file = q < 0 ? file : file.substring(0, q);
            if (file.isEmpty() || file.equals(":memory:")) {
                return new DatasetNames("duckdb://memory", "memory.main." + table);
            }
            Path p = Path.of(file).toAbsolutePath().normalize();
            String base = p.getFileName().toString();
            int dot = base.lastIndexOf('.');
            return new DatasetNames("duckdb://" + p, (dot > 0 ? base.substring(0, dot) : base) + ".main." + table);
        }
        URI uri = URI.create(jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring(5) : jdbcUrl);
        return new DatasetNames(uri.getScheme() + "://" + uri.getAuthority(), table);
    }

    private static String parameter(String query, String key, String orElse) {
        if (query == null) {
            return orElse;
        }
        for (String kv : query.substring(1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equalsIgnoreCase(key)) {
                return kv.substring(eq + 1);
            }
        }
        return orElse;
    }
}
