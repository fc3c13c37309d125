package com.bank.gdw.loader.ops;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import com.bank.gdw.loader.camel.Loader;

/**
 * The operations beans: readiness check, JSON API, dashboard, and the service that wires JMX and metrics at start. The loader is looked up when used, so this
 * class does not depend on the order in which configuration classes are read.
 */
@Configuration
public class OpsConfiguration implements CamelConfiguration {

    @PropertyInject(value = "loader.jmx.remote.enabled", defaultValue = "false") boolean remoteJmx;
    @PropertyInject(value = "loader.jmx.remote.port", defaultValue = "9010") int remoteJmxPort;
    @PropertyInject(value = "loader.jmx.remote.bind-address", defaultValue = "") String remoteJmxAddress;
    @PropertyInject(value = "loader.jmx.remote.password-file", defaultValue = "") String remoteJmxPasswordFile;

    private volatile CamelContext camel;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        this.camel = camelContext;
        camelContext.addService(new LoaderOperations(camelContext,
                new LoaderOperations.RemoteJmx(remoteJmx, remoteJmxPort, remoteJmxAddress, remoteJmxPasswordFile)));
    }

    @BindToRegistry
    public DatabaseReadinessCheck loaderDatabasesCheck() {
        return new DatabaseReadinessCheck(this::loader);
    }

    @BindToRegistry
    public ControlTablesApi controlTablesApi() {
        return new ControlTablesApi(this::loader);
    }

    @BindToRegistry
    public DashboardPages dashboardPages() {
        return new DashboardPages();
    }

    private Loader loader() {
        return camel.getRegistry().lookupByNameAndType("loader", Loader.class);
    }
}
