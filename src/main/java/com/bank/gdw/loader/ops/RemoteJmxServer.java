package com.bank.gdw.loader.ops;

import java.net.InetAddress;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote JMX port: an RMI registry and the JMX connector on the same port, open only to users of the
 * {@link JmxCredentials}. It refuses to start without credentials, so a configured port is never open to anyone.
 */
public final class RemoteJmxServer extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJmxServer.class);

    private final MBeanServer mbeans;
    private final String bindAddress;
    private final int port;
    private final JmxCredentials credentials;
    private Registry registry;
    private JMXConnectorServer connector;

    public RemoteJmxServer(MBeanServer mbeans, String bindAddress, int port, JmxCredentials credentials) {
        this.mbeans = mbeans;
        this.bindAddress = bindAddress == null || bindAddress.isBlank() ? null : bindAddress.trim();
        this.port = port;
        this.credentials = credentials;
    }

    @Override
    protected void doStart() throws Exception {
        if (credentials.isEmpty()) {
            throw new IllegalStateException("remote JMX is enabled on port " + port + " but no credentials are given: set "
                    + JmxCredentials.USER_VARIABLE + " and " + JmxCredentials.PASSWORD_VARIABLE
                    + " or loader.jmx.remote.password-file (LOADER_JMX_REMOTE_PASSWORD_FILE)");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalStateException("loader.jmx.remote.port must be a port number, not " + port);
        }
        BoundServerSocketFactory sockets = new BoundServerSocketFactory(bindAddress == null ? null : InetAddress.getByName(bindAddress));
        registry = LocateRegistry.createRegistry(port, null, sockets);
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnectorServer.AUTHENTICATOR, new PasswordAuthenticator(credentials));
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        // only a user name and password may be deserialised from an unauthenticated client (as the JDK's own agent does)
        env.put("jmx.remote.rmi.server.credentials.filter.pattern", "java.lang.String;!*");
        String host = bindAddress == null ? "localhost" : bindAddress;
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + host + ":" + port + "/jndi/rmi://" + host + ":" + port + "/jmxrmi");
        connector = JMXConnectorServerFactory.newJMXConnectorServer(url, env, mbeans);
        try {
            connector.start();
        } catch (Exception e) {
            UnicastRemoteObject.unexportObject(registry, true);
            throw e;
        }
        LOG.info("remote JMX on port {}{} with password authentication ({} user(s))", port,
                bindAddress == null ? "" : " of " + bindAddress, credentials.size());
    }

    @Override
    protected void doStop() throws Exception {
        if (connector != null) {
            connector.stop();
            connector = null;
        }
        if (registry != null) {
            UnicastRemoteObject.unexportObject(registry, true);
            registry = null;
        }
    }
}
