package com.bank.gdw.loader.ops;

import org.apache.camel.Exchange;
import org.apache.camel.PropertyInject;
import org.apache.camel.builder.RouteBuilder;
import org.jdbi.v3.core.JdbiException;

/**
 * The loader's own HTTP endpoints on Camel's embedded server (the same port as /observe/health and /observe/metrics):
 * the read-only JSON API over the DCF tables and the dashboard. Java rather than YAML because they exist only when
 * the server does (the one-shot commands run without it).
 */
public class OpsHttpRoutes extends RouteBuilder {

    private static final String JSON = "application/json";

    @PropertyInject(value = "camel.server.enabled", defaultValue = "false")
    boolean server;

    @Override
    public void configure() {
        if (!server) {
            return;
        }
        onException(ControlTablesApi.NotFound.class).handled(true)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(404))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON))
                .setBody(method(ControlTablesApi.class, "error(${exception})"));
        // a read-only API that fails is the DCF database failing: tell the client to come back
        onException(JdbiException.class, IllegalStateException.class).handled(true)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(503))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON))
                .setBody(method(ControlTablesApi.class, "error(${exception})"));

        from("platform-http:/api/streams?httpMethodRestrict=GET").routeId("ops-api-streams")
                .setBody(method("controlTablesApi", "streams"))
                .to("direct:ops-api-json");

        from("platform-http:/api/status?httpMethodRestrict=GET").routeId("ops-api-status")
                .setBody(method("controlTablesApi", "status(${header.runs}, ${header.stream})"))
                .to("direct:ops-api-json");

        from("platform-http:/api/streams/{code}/runs?httpMethodRestrict=GET").routeId("ops-api-runs")
                .setBody(method("controlTablesApi", "runs(${header.code}, ${header.limit})"))
                .to("direct:ops-api-json");

        from("platform-http:/api/runs/{id}?httpMethodRestrict=GET").routeId("ops-api-run")
                .setBody(method("controlTablesApi", "run(${header.id})"))
                .to("direct:ops-api-json");

        from("platform-http:/api/runs/{id}/units?httpMethodRestrict=GET").routeId("ops-api-units")
                .setBody(method("controlTablesApi", "units(${header.id})"))
                .to("direct:ops-api-json");

        from("platform-http:/api/units/{processId}/rejects?httpMethodRestrict=GET").routeId("ops-api-rejects")
                .setBody(method("controlTablesApi", "rejects(${header.processId}, ${header.limit}, ${header.offset})"))
                .to("direct:ops-api-json");

        from("direct:ops-api-json").routeId("ops-api-json")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON))
                .setHeader("Cache-Control", constant("no-store"));

        from("platform-http:/?httpMethodRestrict=GET").routeId("ops-home")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(302))
                .setHeader("Location", constant("/dashboard/"))
                .setBody(constant(""));

        from("platform-http:/dashboard?matchOnUriPrefix=true&httpMethodRestrict=GET").routeId("ops-dashboard")
                .setBody(method("dashboardPages", "page(${header.CamelHttpPath})"))
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, simple("${body.contentType}"))
                .setHeader("Cache-Control", constant("no-cache"))
                .setBody(simple("${body.body}"));
    }
}
