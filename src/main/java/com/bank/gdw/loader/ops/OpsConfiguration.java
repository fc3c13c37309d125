package com.bank.gdw.loader.ops;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.camel.ProcessRole;

/**
 * The operations beans: readiness check, JSON API, dashboard, and the service that wires JMX and metrics at start.
 * The loader is injected by Camel (LoaderConfiguration binds it; it comes first in camel.main.configuration-classes).
 */
@Configuration
public class OpsConfiguration implements CamelConfiguration {

    @PropertyInject(value = "loader.jmx.remote.enabled", defaultValue = "false") boolean remoteJmx;
    @PropertyInject(value = "loader.jmx.remote.port", defaultValue = "9010") int remoteJmxPort;
    @PropertyInject(value = "loader.jmx.remote.bind-address", defaultValue = "") String remoteJmxAddress;
    @PropertyInject(value = "loader.jmx.remote.password-file", defaultValue = "") String remoteJmxPasswordFile;

    @BeanInject Loader loader;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        camelContext.addService(new LoaderOperations(camelContext, loader,
                new LoaderOperations.RemoteJmx(remoteJmx && ProcessRole.of(camelContext).serves(), remoteJmxPort, remoteJmxAddress, remoteJmxPasswordFile)));
    }

    @BindToRegistry
    public DatabaseReadinessCheck loaderDatabasesCheck() {
        return new DatabaseReadinessCheck(() -> loader);
    }

    @BindToRegistry
    public ControlTablesApi controlTablesApi() {
        return new ControlTablesApi(() -> loader);
    }

    @BindToRegistry
    public DashboardPages dashboardPages() {
        return new DashboardPages();
    }
}
