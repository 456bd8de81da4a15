package dev.wsworld.host.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.cli.Main;
import dev.wsworld.host.events.EventLog;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader of {@code --events -} that stops reading while a server floods the world: the event
 * log's queue is bounded, so the host survives in a small heap, the world keeps going, and once the
 * reader reads again the log says how many lines it dropped.
 */
class StalledEventLogReaderTest {
    private static final int MESSAGES = 400_000;

    @TempDir Path dir;

    @Test
    void aStalledReaderUnderAFloodCostsDroppedLinesNotTheHost() throws Exception {
        try (TestServer server = new TestServer()) {
            var options = HostFixture.in(dir).options();
            Path script = dir.resolve("flood.txt");
            Files.writeString(
                    script,
                    """
                    add flood WebsocketClient "URL=%s" HandlingUser=alice
                    wait flood disconnected 300
                    quit
                    """
                            .formatted(server.uri("/firehose?seconds=600&count=" + MESSAGES)));
            Process host =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Xmx64m",
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    Main.class.getName(),
                                    "--plugins",
                                    options.plugins().toString(),
                                    "--config",
                                    options.config().toString(),
                                    "--world",
                                    options.worlds().get(0).toString(),
                                    "--script",
                                    script.toString(),
                                    "--events",
                                    "-",
                                    "--consent",
                                    "alice=allow",
                                    "--headless")
                            .redirectError(dir.resolve("stderr.txt").toFile())
                            .start();
            // nobody reads standard output until the server has sent everything: the pipe fills at
            // once
            String closed = server.nextClose(300);
            InputStream stdout = host.getInputStream();
            byte[] log = stdout.readAllBytes();
            assertTrue(host.waitFor(120, TimeUnit.SECONDS), "the host did not exit");
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            assertEquals(0, host.exitValue(), stderr);
            assertFalse(stderr.contains("OutOfMemoryError"), stderr);
            assertTrue(
                    closed != null && closed.startsWith("1000"), "the server's close: " + closed);
            List<String> lines = new String(log, StandardCharsets.UTF_8).lines().toList();
            long dropped =
                    lines.stream()
                            .filter(l -> l.contains("\"event\":\"" + EventLog.DROPPED + "\""))
                            .mapToLong(
                                    l ->
                                            Long.parseLong(
                                                    l.replaceAll(".*\"dropped\":(\\d+).*", "$1")))
                            .sum();
            long texts = lines.stream().filter(l -> l.contains("\"event\":\"text\"")).count();
            assertTrue(
                    dropped > 0,
                    "a stalled reader of " + MESSAGES + " events must cost dropped lines");
            assertEquals(
                    MESSAGES,
                    texts + dropped,
                    "every text is either in the log or counted as dropped");
            assertTrue(
                    lines.stream()
                            .anyMatch(
                                    l ->
                                            l.contains("\"event\":\"disconnected\"")
                                                    && l.contains("sent " + MESSAGES)),
                    "the close is in the log: "
                            + lines.subList(Math.max(0, lines.size() - 4), lines.size()));
        }
    }
}
