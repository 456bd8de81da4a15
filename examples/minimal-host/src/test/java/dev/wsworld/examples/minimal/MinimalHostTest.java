package dev.wsworld.examples.minimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.testkit.ClientFrame;
import dev.wsworld.testkit.PluginArtifact;
import dev.wsworld.testkit.Script;
import dev.wsworld.testkit.ScriptedServer;
import dev.wsworld.testkit.ServerConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example host, run as docs/embedding.md says: the packaged plugin jar, its config directory, a
 * local echo server (the test kit's scripted server, which records what the host's client sent).
 */
class MinimalHostTest {
    @TempDir Path plugins;

    @Test
    void loadsThePackagedPluginAsksConsentEchoesTextAndBinaryAndClosesCleanly() throws Exception {
        Path jar = PluginArtifact.locate();
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (ScriptedServer server = ScriptedServer.start()) {
            server.defaultScript(Script.accept().echo());
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
            ServerConnection connection = server.awaitConnection();
            assertEquals("/echo", connection.request().path());
            assertEquals("hello", connection.awaitText(), output);
            assertEquals("000102ff", connection.awaitFrame(ClientFrame.BINARY).hex(), output);
            assertEquals(1000, connection.awaitCloseFrame().closeCode().orElseThrow(), output);
            assertTrue(
                    connection.frames().stream().allMatch(ClientFrame::masked),
                    connection.frames().toString());
            assertTrue(
                    output.indexOf("connected") < output.indexOf("text {data=hello}")
                            && output.indexOf("text {data=hello}") < output.indexOf("disconnected"),
                    output);
        }
    }
}
