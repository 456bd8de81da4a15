package dev.wsworld.host.worlds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.testing.BalancedEvents;
import dev.wsworld.host.testing.CommandLineRun;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host stub with two {@code --world} files, driven by a script, as a headless server runs. */
class TwoWorldFilesTest {
    @TempDir Path dir;

    private TestServer server;
    private CommandLineRun run;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        HostFixture.in(dir).options(); // plugins/ with the packaged plugin, config/
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Path world(String file, String name, String slot) throws Exception {
        Path path = dir.resolve(file);
        Files.writeString(
                path,
                """
                world: { name: %s }
                users: [ { id: carol, host: true, local: true } ]
                slots:
                  - name: %s
                    components:
                      - type: WebsocketClient
                        fields: { URL: "%s", HandlingUser: carol }
                """
                        .formatted(name, slot, server.uri("/echo")));
        return path;
    }

    private int run(String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "--plugins",
                                dir.resolve("plugins").toString(),
                                "--config",
                                dir.resolve("config").toString(),
                                "--consent",
                                "carol=allow",
                                "--headless"));
        all.addAll(List.of(args));
        run = CommandLineRun.of(all);
        return run.status();
    }

    @Test
    void commandsActOnTheWorldInUseAndEveryLogLineNamesItsWorld() throws Exception {
        Path castle = world("castle.yaml", "Castle", "gate");
        Path harbour = world("harbour.yaml", "Harbour", "pier");
        Path events = dir.resolve("events.jsonl");
        Path script = dir.resolve("script.txt");
        Files.writeString(
                script,
                """
                wait gate connected
                world list
                world use Harbour
                wait pier connected
                send pier text only the harbour
                wait pier text
                status
                world close Castle
                world list
                """);
        int status =
                run(
                        "--world",
                        castle.toString(),
                        "--world",
                        harbour.toString(),
                        "--script",
                        script.toString(),
                        "--events",
                        events.toString());
        String text = run.out();
        assertEquals(0, status, run.err() + text);
        assertTrue(text.contains("* \"Castle\" (1 components"), text);
        assertTrue(text.contains("  \"Harbour\" (1 components"), text);
        assertTrue(text.contains("commands act on world \"Harbour\" from now on"), text);
        assertTrue(
                text.contains("world \"Castle\"\nCOMPONENT"), "status groups by world:\n" + text);
        assertTrue(text.contains("world \"Harbour\"\nCOMPONENT"), text);
        assertTrue(text.contains("closed world \"Castle\""), text);
        assertTrue(
                text.trim().endsWith("* \"Harbour\" (1 components, tick " + lastTick(text) + ")"),
                text);

        List<String> lines = Files.readAllLines(events);
        BalancedEvents.assertBalancedLog(events);
        for (String line : lines) {
            assertTrue(
                    line.contains("\"world\":\"Castle\",\"slot\":\"gate\",\"component\":\"gate#1\"")
                            || line.contains(
                                    "\"world\":\"Harbour\",\"slot\":\"pier\","
                                            + "\"component\":\"pier#1\""),
                    line);
        }
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l ->
                                        l.contains("\"world\":\"Harbour\"")
                                                && l.contains("\"data\":\"only the harbour\"")),
                lines.toString());
        assertTrue(
                lines.stream()
                        .noneMatch(
                                l ->
                                        l.contains("\"world\":\"Castle\"")
                                                && l.contains("\"event\":\"text\"")),
                "the castle heard the harbour's message: " + lines);
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l ->
                                        l.contains("\"world\":\"Castle\"")
                                                && l.contains("\"event\":\"disconnected\"")
                                                && l.contains("\"code\":1001")
                                                && l.contains("\"reason\":\"world closed\"")),
                "closing a world says so to its components: " + lines);
    }

    private static String lastTick(String text) {
        String last = text.trim().lines().reduce((a, b) -> b).orElse("");
        return last.replaceAll(".*tick (\\d+)\\)$", "$1");
    }

    @Test
    void aWorldOpenedWhileTheHostRunsIsServedAtOnce() throws Exception {
        Path castle = world("castle.yaml", "Castle", "gate");
        Path harbour = world("harbour.yaml", "Harbour", "pier");
        Path script = dir.resolve("script.txt");
        Files.writeString(
                script,
                """
                wait gate connected
                world open %s
                world use Harbour
                wait pier connected
                send pier text hello
                wait pier text
                """
                        .formatted(harbour));
        assertEquals(
                0, run("--world", castle.toString(), "--script", script.toString()), run.err());
        assertTrue(run.out().contains("opened world \"Harbour\""), run.out());
    }

    @Test
    void twoWorldsOfOneNameAreAStartUpErrorWithStatus2() throws Exception {
        Path one = world("one.yaml", "Same", "a");
        Path two = world("two.yaml", "Same", "b");
        assertEquals(2, run("--world", one.toString(), "--world", two.toString()));
        String text = run.err();
        assertTrue(text.contains("two worlds are named 'Same': " + one + " and " + two), text);
        assertEquals(0, server.upgrades("/echo"), "nothing connected before the mistake was found");
    }
}
