package com.bank.gdw.loader.late;

import org.apache.camel.PropertyInject;
import org.apache.camel.builder.RouteBuilder;

/**
 * The late-feed schedule (template in routes/late-feeds.yaml), made only when enabled and some stream declares when
 * its files are due: the one-shot commands, and a loader without such a stream, start no Quartz job for it.
 */
public class LateFeedRoutes extends RouteBuilder {

    @PropertyInject(value = "loader.late-feeds.enabled", defaultValue = "true")
    boolean enabled;

    @PropertyInject("loader.late-feeds.cron")
    String cron;

    @Override
    public void configure() {
        LateFeeds check = getContext().getRegistry().lookupByNameAndType("lateFeeds", LateFeeds.class);
        if (enabled && check != null && check.hasWork()) {
            templatedRoute("late-feeds-schedule").routeId("late-feeds").parameter("cron", cron);
        }
    }
}
