package dev.wsworld.examples.minimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example host, run as its README says: the packaged plugin jar, its config directory, a local
 * echo server.
 */
class MinimalHostTest {
    @TempDir Path plugins;

    @Test
    void loadsThePackagedPluginAsksConsentEchoesTextAndBinaryAndClosesCleanly() throws Exception {
        Path jar = Path.of(System.getProperty("wsworld.pluginJar"));
        assertTrue(Files.isRegularFile(jar), "build the plugin first: " + jar);
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (TestServer server = new TestServer()) {
            boolean echoed =
                    new MinimalHost(new PrintStream(printed, true, StandardCharsets.UTF_8))
                            .run(plugins, Path.of("config"), server.uri("/echo"));
            String output = printed.toString(StandardCharsets.UTF_8);

            assertTrue(echoed, output);
            assertTrue(
                    output.contains(
                            "Alice is asked: may 'Echo' connect to ws://127.0.0.1:"
                                    + server.port()),
                    output);
            assertEquals("text:hello", server.received.poll(10, TimeUnit.SECONDS), output);
            assertEquals("binary:000102ff", server.received.poll(10, TimeUnit.SECONDS), output);
            assertEquals("1000", server.nextClose(10).split(" ")[0], output);
            assertTrue(
                    output.indexOf("connected") < output.indexOf("text {data=hello}")
                            && output.indexOf("text {data=hello}") < output.indexOf("disconnected"),
                    output);
        }
    }
}
