package com.bank.gdw.loader.camel;

import org.apache.camel.PropertyInject;
import org.apache.camel.builder.RouteBuilder;

/**
 * The housekeeping schedule (template in routes/housekeeping.yaml), made only when it is enabled: the one-shot
 * commands then start no Quartz scheduler. The housekeeping route itself (direct:housekeeping) always exists.
 */
public class HousekeepingRoutes extends RouteBuilder {

    @PropertyInject(value = "loader.housekeeping.enabled", defaultValue = "true")
    boolean enabled;

    @PropertyInject("loader.housekeeping.cron")
    String cron;

    @Override
    public void configure() {
        if (enabled) {
            templatedRoute("housekeeping-schedule").routeId("housekeeping-schedule").parameter("cron", cron);
        }
    }
}
