package com.bank.gdw.loader.ops;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Registers one {@link StreamControl} per configured stream in the MBean server Camel uses for its route MBeans, so
 * one JMX connection shows both; unregistered when Camel stops.
 */
public final class StreamMBeans extends ServiceSupport {

    /** The JMX domain of the loader's own MBeans. */
    public static final String DOMAIN = "com.bank.gdw.loader";

    private static final Logger LOG = LoggerFactory.getLogger(StreamMBeans.class);

    private final CamelContext camel;
    private final Loader loader;
    private final List<ObjectName> registered = new ArrayList<>();
    private ProducerTemplate producer;

    public StreamMBeans(CamelContext camel, Loader loader) {
        this.camel = camel;
        this.loader = loader;
    }

    /** The name of a stream's MBean: com.bank.gdw.loader:type=Stream,name=&lt;code&gt;. */
    public static ObjectName nameOf(String streamCode) {
        try {
            return new ObjectName(DOMAIN + ":type=Stream,name=" + streamCode);
        } catch (JMException e) {
            throw new IllegalArgumentException("stream code " + streamCode + " cannot name an MBean", e);
        }
    }

    @Override
    protected void doStart() throws Exception {
        producer = camel.createProducerTemplate();
        MBeanServer server = server();
        for (StreamDefinition s : loader.streams().all()) {
            ObjectName name = nameOf(s.code());
            if (server.isRegistered(name)) {
                // a previous Camel in this JVM (tests, a restarted context) did not stop cleanly
                server.unregisterMBean(name);
            }
            server.registerMBean(new StandardMBean(new StreamControl(s, loader, producer), StreamControlMBean.class), name);
            registered.add(name);
            LOG.info("JMX: {}", name);
        }
    }

    @Override
    protected void doStop() throws Exception {
        MBeanServer server = server();
        for (ObjectName name : registered) {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        }
        registered.clear();
        if (producer != null) {
            producer.close();
        }
    }

    private MBeanServer server() {
        var agent = camel.getManagementStrategy() == null ? null : camel.getManagementStrategy().getManagementAgent();
        return agent != null && agent.getMBeanServer() != null ? agent.getMBeanServer() : ManagementFactory.getPlatformMBeanServer();
    }
}
