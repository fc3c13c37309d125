package com.bank.gdw.loader.late;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.support.service.ServiceSupport;

import com.bank.gdw.loader.camel.Loader;

/**
 * The late-feed check (docs/operations.md), bound as "lateFeeds" for the late-feeds route. Its gauge and counter go
 * to the registry Prometheus scrapes, looked up when Camel starts (camel-micrometer binds it later than this runs).
 */
@Configuration
public class LateFeedConfiguration implements CamelConfiguration {

    /** The name under which camel-micrometer-prometheus binds the registry it scrapes at /observe/metrics. */
    private static final String METER_REGISTRY = "metricsRegistry";

    /** Bound by LoaderConfiguration, which comes first in camel.main.configuration-classes. */
    @BeanInject Loader loader;

    @Override
    public void configure(CamelContext camel) throws Exception {
        LateFeeds lateFeeds = new LateFeeds(loader.dcf(), loader.streams().all(), loader.landing(),
                Clock.systemUTC(), () -> camel.getRegistry().lookupByNameAndType(METER_REGISTRY, MeterRegistry.class));
        camel.getRegistry().bind("lateFeeds", lateFeeds);
        // the series exist at 0 from the start, not only from the first check
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStart() {
                lateFeeds.bindMeters();
            }
        });
    }
}
