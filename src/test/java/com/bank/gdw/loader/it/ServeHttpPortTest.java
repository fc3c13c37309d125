package com.bank.gdw.loader.it;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.testkit.ChildLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve without its HTTP port would run without health check, metrics, API and dashboard while the container's health
 * check and status asked whatever holds the port: it refuses to start instead, with exit 2 and one line naming the key.
 */
class ServeHttpPortTest {

    private static Path fresh(String name) {
        Path dir = Path.of("target", "it", "serve-http-port-" + name).toAbsolutePath();
        LoaderHarness.deleteTree(dir);
        return dir;
    }

    @Test
    void serve_refuses_to_start_when_another_process_listens_on_its_http_port() throws Exception {
        // given another process's server on the port serve is configured for
        Path dir = fresh("in-use");
        Path data = dir.resolve("data");
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = other.getLocalPort();
            Map<String, String> props = ChildLoader.quickServe(data);
            props.put("loader.http.port", String.valueOf(port));

            // when serve starts
            try (ChildLoader serve = ChildLoader.start(dir.resolve("serve.log"), props, Map.of(), "serve")) {

                // then it ends at once with exit 2 and one line, before it created its directories or database
                // (named as it was set: here a system property)
                assertThat(serve.awaitExit(Duration.ofSeconds(60))).as(serve.output()).isEqualTo(2);
                assertThat(serve.output()).contains("gdw-loader: loader.http.port " + port + " is in use by another process");
                assertThat(serve.output().lines()).noneMatch(l -> l.matches("\\s+at .*")).noneMatch(l -> l.contains("Apache Camel"));
                assertThat(data).doesNotExist();
            }
        }
    }

    @Test
    void serve_refuses_an_http_port_out_of_range_in_one_line_naming_the_key() throws Exception {
        Path dir = fresh("range");
        Map<String, String> props = ChildLoader.quickServe(dir.resolve("data"));
        props.put("loader.http.port", "99999");

        try (ChildLoader serve = ChildLoader.start(dir.resolve("serve.log"), props, Map.of(), "serve")) {

            assertThat(serve.awaitExit(Duration.ofSeconds(60))).as(serve.output()).isEqualTo(2);
            // the settings check refuses it first, named as it was set (a system property here)
            assertThat(serve.output()).contains("gdw-loader: loader.http.port \"99999\" must be a whole number from 0 to 65535");
            assertThat(serve.output().lines()).noneMatch(l -> l.matches("\\s+at .*"));
        }
    }
}
