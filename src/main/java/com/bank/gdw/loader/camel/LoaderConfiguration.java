package com.bank.gdw.loader.camel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;


import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import com.bank.gdw.loader.dcf.RetentionPurge;
import com.bank.gdw.loader.fault.Checkpoint;
import com.bank.gdw.loader.mail.OutboxDelivery;
import com.bank.gdw.loader.mail.RetryBackoff;
import com.bank.gdw.loader.stream.Directories;
import com.bank.gdw.loader.stream.StreamCatalog;

/** The beans of the loader, built from the properties (config/application.properties, overridable by environment). */
@Configuration
public class LoaderConfiguration implements CamelConfiguration {

    @PropertyInject("loader.dir.landing") String landing;
    @PropertyInject("loader.dir.inprocess") String inprocess;
    @PropertyInject("loader.dir.archive-load") String archiveLoad;
    @PropertyInject("loader.dir.archive-trigger") String archiveTrigger;
    @PropertyInject("loader.dir.error") String error;
    @PropertyInject("loader.dir.reports") String reports;
    @PropertyInject("loader.dir.work") String work;
    @PropertyInject("loader.dir.db") String dbDir;
    @PropertyInject("loader.streams-dir") String streamsDir;
    @PropertyInject(value = "loader.db.url", defaultValue = "") String dbUrl;
    @PropertyInject(value = "loader.db.user", defaultValue = "") String dbUser;
    @PropertyInject(value = "loader.db.password", defaultValue = "") String dbPassword;
    @PropertyInject("loader.db.pool-size") int dbPoolSize;
    @PropertyInject(value = "loader.target.url", defaultValue = "") String targetUrl;
    @PropertyInject(value = "loader.target.user", defaultValue = "") String targetUser;
    @PropertyInject(value = "loader.target.password", defaultValue = "") String targetPassword;
    @PropertyInject("loader.duckdb.memory-limit") String duckdbMemory;
    @PropertyInject(value = "loader.duckdb.threads", defaultValue = "0") int duckdbThreads;
    @PropertyInject("loader.files.settle-ms") long settleMs;
    @PropertyInject("loader.files.settle-max-wait-ms") long settleMaxWaitMs;
    @PropertyInject("loader.lease.seconds") long leaseSeconds;
    @PropertyInject("loader.lease.heartbeat-seconds") long heartbeatSeconds;
    @PropertyInject("loader.pipeline.batch-rows") int batchRows;
    @PropertyInject("loader.pipeline.queue-batches") int queueBatches;
    @PropertyInject("loader.pipeline.max-line-bytes") int maxLineBytes;
    @PropertyInject("loader.progress.every-seconds") long progressSeconds;
    @PropertyInject(value = "loader.snowflake.stage", defaultValue = "") String snowflakeStage;
    @PropertyInject("loader.db.init-retry-seconds") long initRetrySeconds;
    @PropertyInject("loader.retention.days") int retentionDays;
    @PropertyInject(value = "loader.instance.name", defaultValue = "") String instanceName;
    @PropertyInject("loader.unit.max-attempts") int unitMaxAttempts;
    @PropertyInject("loader.unit.max-rejects") long unitMaxRejects;
    @PropertyInject("loader.unit.max-bytes") long unitMaxBytes;

    private Loader loader;

    @Override
    public void configure(CamelContext camelContext) {
        // the role for the routes' preconditions: the one the starting command bound, else the container's
        camelContext.getRegistry().bind(ProcessRole.BEAN, ProcessRole.of(camelContext));
    }

    /** The loader assembly; closed with the Camel context. */
    @BindToRegistry(initMethod = "start", destroyMethod = "close")
    public synchronized Loader loader() {
        if (loader == null) {
            LoaderSettings settings = new LoaderSettings(
                    new Directories(Path.of(landing), Path.of(inprocess), Path.of(archiveLoad), Path.of(archiveTrigger), Path.of(error),
                            Path.of(reports), Path.of(work)),
                    Path.of(dbDir), Path.of(streamsDir), dbUrl, dbUser, dbPassword, dbPoolSize,
                    targetUrl, targetUser, targetPassword, duckdbMemory, duckdbThreads,
                    Duration.ofMillis(settleMs), Duration.ofMillis(settleMaxWaitMs),
                    Duration.ofSeconds(leaseSeconds), Duration.ofSeconds(heartbeatSeconds),
                    batchRows, queueBatches, maxLineBytes, Duration.ofSeconds(progressSeconds),
                    Duration.ofSeconds(initRetrySeconds), snowflakeStage, retentionDays, instanceName,
                    unitMaxAttempts, unitMaxRejects, unitMaxBytes);
            // no implementation on the production classpath: NONE; the crash tests' classpath names their pausing one
            Checkpoint checkpoint = ServiceLoader.load(Checkpoint.class).findFirst().orElse(Checkpoint.NONE);
            loader = new Loader(settings, checkpoint);
        }
        return loader;
    }

    @BindToRegistry
    public StreamCatalog streamCatalog() {
        return loader().streams();
    }

    @BindToRegistry
    public RunOpen runOpen() {
        return loader().runOpen();
    }

    @BindToRegistry
    public RunUnits runUnits() {
        return loader().runUnits();
    }

    @BindToRegistry
    public RunReport runReport() {
        return loader().runReport();
    }

    @BindToRegistry
    public RunClose runClose() {
        return loader().runClose();
    }

    @BindToRegistry
    public UnitStart unitStart() {
        return loader().unitStart();
    }

    @BindToRegistry
    public UnitLoad unitLoad() {
        return loader().unitLoad();
    }

    @BindToRegistry
    public UnitArchive unitArchive() {
        return loader().unitArchive();
    }

    @BindToRegistry
    public UnitFailures unitFailures() {
        return loader().unitFailures();
    }

    @BindToRegistry
    public RunRequests runRequests() {
        return loader().runRequests();
    }

    @BindToRegistry
    public IdleRecovery idleRecovery() {
        return loader().idleRecovery();
    }

    /** The steps of the outbox-delivery route: claim, compose, and record each attempt with its backoff. */
    @BindToRegistry
    public OutboxDelivery outboxDelivery(CamelContext camelContext,
                                         @PropertyInject("loader.outbox.max-attempts") int maxAttempts,
                                         @PropertyInject("loader.outbox.backoff-initial-seconds") long initialSeconds,
                                         @PropertyInject("loader.outbox.backoff-multiplier") double multiplier,
                                         @PropertyInject("loader.outbox.backoff-max-seconds") long maxSeconds,
                                         @PropertyInject("loader.outbox.claim-seconds") long claimSeconds,
                                         @PropertyInject("loader.mail.max-attachment-bytes") long maxAttachmentBytes,
                                         @PropertyInject("loader.smtp.host") String smtpHost,
                                         @PropertyInject("loader.smtp.port") int smtpPort) {
        return new OutboxDelivery(loader().dcf(), loader().streams(),
                new RetryBackoff(Duration.ofSeconds(initialSeconds), multiplier, Duration.ofSeconds(maxSeconds), maxAttempts),
                Duration.ofSeconds(claimSeconds), maxAttachmentBytes, smtpHost + ":" + smtpPort,
                camelContext::isStopping);
    }

    /** Housekeeping of the archive, called by the housekeeping route. */
    @BindToRegistry
    public RetentionPurge retentionPurge() {
        return RetentionPurge.of(loader().dcf());
    }
}
