package com.bank.gdw.loader.ops;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

import com.bank.gdw.loader.camel.Loader;

/**
 * Starts the operations side with Camel, once every bean exists: the metrics listening to the loader, the stream
 * MBeans, and the remote JMX port when configured.
 */
public final class LoaderOperations extends ServiceSupport {

    /** Remote JMX as configured: off unless enabled. */
    public record RemoteJmx(boolean enabled, int port, String bindAddress, String passwordFile) { }

    /** The name under which camel-micrometer-prometheus binds the registry it scrapes at /observe/metrics. */
    static final String METER_REGISTRY = "metricsRegistry";

    private final CamelContext camel;
    private final RemoteJmx remote;
    private final Loader loader;
    private LoaderMetrics metrics;
    private StreamMBeans mbeans;
    private RemoteJmxServer remoteServer;
    private ScheduledExecutorService seeder;

    public LoaderOperations(CamelContext camel, Loader loader, RemoteJmx remote) {
        this.camel = camel;
        this.loader = loader;
        this.remote = remote;
    }

    @Override
    protected void doStart() throws Exception {
        // the loader's meters go where Camel's route meters are, so one scrape has both; kept in memory without a scrape
        MeterRegistry meters = camel.getRegistry().lookupByNameAndType(METER_REGISTRY, MeterRegistry.class);
        metrics = new LoaderMetrics(meters != null ? meters : new SimpleMeterRegistry(), loader);
        loader.listeners().add(metrics);
        // the last-success gauge is read from DCF off the scrape path, again every minute until the database answers
        seeder = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "metrics-seed");
        seeder.scheduleWithFixedDelay(() -> {
            metrics.seedFromControlTables();
            if (metrics.isSeeded()) {
                seeder.shutdown();
            }
        }, 0, 60, TimeUnit.SECONDS);
        mbeans = new StreamMBeans(camel, loader);
        ServiceHelper.startService(mbeans);
        if (remote.enabled()) {
            remoteServer = new RemoteJmxServer(mbeanServer(), remote.bindAddress(), remote.port(),
                    JmxCredentials.from(System.getenv(), remote.passwordFile()));
            ServiceHelper.startService(remoteServer);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(remoteServer, mbeans);
        if (seeder != null) {
            camel.getExecutorServiceManager().shutdownNow(seeder);
        }
        if (metrics != null) {
            loader.listeners().remove(metrics);
        }
    }

    private MBeanServer mbeanServer() {
        var agent = camel.getManagementStrategy() == null ? null : camel.getManagementStrategy().getManagementAgent();
        return agent != null && agent.getMBeanServer() != null ? agent.getMBeanServer() : ManagementFactory.getPlatformMBeanServer();
    }
}
