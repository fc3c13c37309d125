package com.bank.gdw.loader.lineage;

import java.net.URI;

import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.dcf.LineageLedger;

/**
 * OpenLineage (docs/operations.md): off unless loader.openlineage.url (HTTP, e.g. Marquez) or loader.openlineage.file
 * (JSON lines) is set. Then every unit and run end writes its events to the outbox, and the lineage-delivery route
 * sends them.
 */
@Configuration
public class LineageConfiguration implements CamelConfiguration {

    @PropertyInject(value = "loader.openlineage.url", defaultValue = "") String url;
    @PropertyInject(value = "loader.openlineage.endpoint", defaultValue = "api/v1/lineage") String endpoint;
    @PropertyInject(value = "loader.openlineage.api-key", defaultValue = "") String apiKey;
    @PropertyInject(value = "loader.openlineage.timeout-ms", defaultValue = "5000") int timeoutMs;
    @PropertyInject(value = "loader.openlineage.file", defaultValue = "") String file;
    @PropertyInject(value = "loader.openlineage.namespace", defaultValue = "gdw-loader") String namespace;
    /** Bound by LoaderConfiguration, which comes first in camel.main.configuration-classes. */
    @BeanInject Loader loader;

    @Override
    public void configure(CamelContext camel) {
        if (!enabled()) {
            return;
        }
        var settings = loader.settings();
        String target = settings.separateTarget() ? settings.targetUrl() : settings.effectiveDbUrl();
        loader.listeners().add(new LineageListener(new LineageLedger(loader.dcf()), new LineageEvents(producer(), namespace), target));
    }

    private boolean enabled() {
        return !url.isBlank() || !file.isBlank();
    }

    /** The send step of the lineage-delivery route. */
    @BindToRegistry(destroyMethod = "close")
    public LineageDelivery lineageDelivery() {
        return new LineageDelivery(transport());
    }

    private Transport transport() {
        if (!url.isBlank()) {
            HttpConfig http = new HttpConfig();
            http.setUrl(URI.create(url));
            http.setEndpoint(endpoint);
            http.setTimeoutInMillis(timeoutMs);
            if (!apiKey.isBlank()) {
                ApiKeyTokenProvider key = new ApiKeyTokenProvider();
                key.setApiKey(apiKey);
                http.setAuth(key);
            }
            return new HttpTransport(http);
        }
        if (!file.isBlank()) {
            return new FileTransport(new FileConfig(file));
        }
        return null;
    }

    static URI producer() {
        String v = LineageConfiguration.class.getPackage().getImplementationVersion();
        return URI.create("urn:gdw-loader:" + (v == null ? "development" : v));
    }
}
