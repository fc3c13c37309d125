package com.bank.gdw.loader.camel;

import org.apache.camel.BeanInject;
import org.apache.camel.PropertyInject;
import org.apache.camel.builder.RouteBuilder;

import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Gives every configured stream its routes, made from the templates in routes/stream-routes.yaml: adding a stream is
 * adding its definition under config/streams.
 */
public class StreamRoutes extends RouteBuilder {

    @BeanInject
    Loader loader;

    /** The file and schedule consumers; a one-shot command never has them (ProcessRole). */
    @PropertyInject(value = "loader.triggers.enabled", defaultValue = "true")
    boolean triggers;

    @PropertyInject(value = "loader.sweep.enabled", defaultValue = "true")
    boolean sweep;

    /** The id of the route that takes a stream's run requests off its queue, one at a time. */
    public static String runQueue(String streamCode) {
        return streamCode + "-run-queue";
    }

    @Override
    public void configure() {
        boolean consumers = triggers && ProcessRole.of(getContext()).serves();
        for (StreamDefinition s : loader.streams().all()) {
            String code = s.code();
            bindToRegistry(code + "TriggerFiles", new TriggerFileFilter<>(s));
            templatedRoute("stream-run").routeId(code + "-run").parameter("stream", code);
            templatedRoute("stream-load-unit").routeId(code + "-load-unit").parameter("stream", code);
            templatedRoute("stream-run-queue").routeId(runQueue(code)).parameter("stream", code);
            if (consumers) {
                TriggerArrivals arrivals = new TriggerArrivals(s);
                loader.listeners().add(arrivals);
                bindToRegistry(code + "TriggerArrivals", arrivals);
                templatedRoute("stream-file-drop").routeId(code + "-file-drop").parameter("stream", code)
                        .parameter("landing", loader.landing().toAbsolutePath().toString()).parameter("arrivalKey", TriggerArrivals.KEY);
                if (s.cron() != null) {
                    templatedRoute("stream-sweep").routeId(code + "-sweep").parameter("stream", code)
                            .parameter("cron", s.cron()).parameter("enabled", String.valueOf(sweep));
                }
            }
        }
    }
}
