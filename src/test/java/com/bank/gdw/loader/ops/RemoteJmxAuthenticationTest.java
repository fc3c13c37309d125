package com.bank.gdw.loader.ops;
import com.bank.gdw.loader.testkit.FreePorts;

import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Remote JMX lets in only the users of the environment or the secrets file, and is never open without them. */
class RemoteJmxAuthenticationTest {

    private RemoteJmxServer server;

    @AfterEach
    void stop() {
        ServiceHelper.stopService(server);
    }

    /** The right user and password get a connection that reads MBeans; a wrong password, an unknown user or none are refused. */
    @Test
    void only_known_users_with_their_password_connect() throws Exception {
        int port = FreePorts.next();
        Path secrets = RunningLoader.freshDataDir("jmx-auth").resolve("jmx.password");
        Files.writeString(secrets, "# user password\nauditor   file-secret\n");
        server = new RemoteJmxServer(ManagementFactory.getPlatformMBeanServer(), "127.0.0.1", port,
                JmxCredentials.from(Map.of(JmxCredentials.USER_VARIABLE, "operator", JmxCredentials.PASSWORD_VARIABLE, "env-secret"),
                        secrets.toString()));
        ServiceHelper.startService(server);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");

        for (String[] good : new String[][] {{"operator", "env-secret"}, {"auditor", "file-secret"}}) {
            try (JMXConnector c = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, good))) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                assertThat(mbs.getAttribute(new ObjectName("java.lang:type=Runtime"), "Name")).asString().contains("@");
            }
        }
        for (String[] bad : new String[][] {{"operator", "wrong"}, {"operator", "file-secret"}, {"intruder", "env-secret"}, {"operator", ""}}) {
            assertThatThrownBy(() -> JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, bad)).close())
                    .as("user %s", bad[0]).isInstanceOf(SecurityException.class).hasMessage("Authentication failed");
        }
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url).close()).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, "operator:env-secret")).close())
                .isInstanceOf(SecurityException.class);
    }

    /** Remote JMX enabled without credentials: the loader does not start, says why, and the port stays closed. */
    @Test
    void loader_refuses_to_start_remote_jmx_without_credentials() {
        int port = FreePorts.next();

        assertThatThrownBy(() -> RunningLoader.start("RemoteJmxWithoutCredentials", Map.of(
                        "loader.jmx.remote.enabled", "true",
                        "loader.jmx.remote.port", String.valueOf(port))).close())
                .hasMessageContaining("did not start")
                .rootCause().hasMessageContaining("remote JMX is enabled on port " + port + " but no credentials are given");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    /** The environment gives one user only as a pair; the file gives users line by line; no password is ever printed. */
    @Test
    void credentials_come_in_pairs_and_never_show_a_password() throws Exception {
        assertThatThrownBy(() -> JmxCredentials.from(Map.of(JmxCredentials.USER_VARIABLE, "operator"), null))
                .hasMessageContaining("set both LOADER_JMX_USER and LOADER_JMX_PASSWORD");
        assertThat(JmxCredentials.from(Map.of(), "").isEmpty()).isTrue();

        Path secrets = RunningLoader.freshDataDir("jmx-file").resolve("jmx.password");
        Files.writeString(secrets, "a one\n\n# comment\nb two words\n");
        JmxCredentials file = JmxCredentials.from(Map.of(), secrets.toString());
        assertThat(file.size()).isEqualTo(2);
        assertThat(file.accepts("b", "two words")).isTrue();
        assertThat(file.accepts("a", "one ")).isFalse();
        assertThat(file.toString()).doesNotContain("one").doesNotContain("two");

        Files.writeString(secrets, "lonely-user\n");
        assertThatThrownBy(() -> JmxCredentials.from(Map.of(), secrets.toString()))
                .hasMessageContaining("line 1").hasMessageNotContaining("lonely-user\n");
    }
}
