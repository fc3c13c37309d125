package com.bank.gdw.loader.camel;

import java.nio.file.Path;
import java.time.Duration;

import com.bank.gdw.loader.stream.Directories;

/** Every tunable of the loader, as resolved from application.properties and the environment. */
public record LoaderSettings(
        Directories directories,
        Path dbDir,
        Path streamsDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String targetUrl,
        String targetUser,
        String targetPassword,
        String duckdbMemoryLimit,
        int duckdbThreads,
        Duration settle,
        Duration settleMaxWait,
        Duration lease,
        Duration heartbeat,
        int batchRows,
        int queueBatches,
        int maxLineBytes,
        Duration progressEvery,
        Duration initRetry,
        String snowflakeStage,
        int retentionDays,
        String instanceName,
        int unitMaxAttempts,
        long unitMaxRejects,
        long unitMaxBytes) {

    /** The DCF database URL: the configured one, or the embedded DuckDB file under the db directory. */
    public String effectiveDbUrl() {
        return dbUrl == null || dbUrl.isBlank() ? "jdbc:duckdb:" + dbDir.resolve("loader.duckdb").toAbsolutePath() : dbUrl;
    }

    /** True when the target table lives in its own database. */
    public boolean separateTarget() {
        return targetUrl != null && !targetUrl.isBlank() && !targetUrl.equals(effectiveDbUrl());
    }
}
