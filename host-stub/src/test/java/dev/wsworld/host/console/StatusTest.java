package dev.wsworld.host.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.output.StreamScreen;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} as a table a person can read, {@code status SLOT} a field a line, {@code stats
 * --pretty} indented.
 */
class StatusTest {
    @TempDir Path dir;

    private static List<String> run(HostFixture host, String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CommandInterpreter(
                        host.host(),
                        new StreamScreen(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .execute(command);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void statusIsAnAlignedTableWithTheHandlingUsersRoleAndLongValuesCut() throws Exception {
        String longPath = "/" + "x".repeat(200);
        try (TestServer server = new TestServer();
                HostFixture host =
                        HostFixture.in(dir)
                                .config("network:\n  blockPrivateAddresses: false\n")
                                .start()) {
            host.addClient("chat", Map.of("URL", server.uri("/echo"), "HandlingUser", "alice"));
            host.addClient(
                    "a-much-longer-slot-name",
                    Map.of("URL", URI.create("ws://127.0.0.1:9" + longPath)));
            host.await("chat", "connected");
            List<String> lines = run(host, "status");
            assertEquals(3, lines.size(), String.join("\n", lines));
            String header = lines.get(0);
            assertTrue(header.startsWith("COMPONENT "), header);
            for (String column : List.of("TYPE", "STATE", "URL", "USER", "LAST ERROR")) {
                int at = header.indexOf(column);
                assertTrue(at > 0, header);
                for (String row : lines.subList(1, 3)) {
                    assertTrue(
                            row.length() > at && row.charAt(at - 1) == ' ' && row.charAt(at) != ' ',
                            column + " is not aligned in:\n" + String.join("\n", lines));
                }
            }
            String chat =
                    lines.stream()
                            .filter(line -> line.startsWith("chat#1 "))
                            .findFirst()
                            .orElseThrow();
            assertTrue(chat.contains("Connected") && chat.contains("alice (specifiedUser)"), chat);
            String other =
                    lines.stream()
                            .filter(line -> line.startsWith("a-much-longer"))
                            .findFirst()
                            .orElseThrow();
            assertTrue(
                    other.contains("\u2026") && !other.contains(longPath),
                    "a long URL is cut: " + other);

            List<String> fields = run(host, "status a-much-longer-slot-name");
            assertEquals("a-much-longer-slot-name#1 WebsocketClient", fields.get(0));
            assertTrue(
                    fields.stream()
                            .anyMatch(
                                    line ->
                                            line.matches(
                                                    "  URL +ws://127\\.0\\.0\\.1:9" + longPath)),
                    "status SLOT shows the whole value: " + fields);
            assertTrue(
                    fields.stream().skip(1).allMatch(line -> line.startsWith("  ")),
                    fields.toString());
        }
    }

    @Test
    void statsIsOneLineAndIndentedWithPretty() throws Exception {
        try (HostFixture host = HostFixture.in(dir).start()) {
            List<String> compact = run(host, "stats");
            assertEquals(1, compact.size(), compact.toString());
            List<String> pretty = run(host, "stats --pretty");
            assertEquals("{", pretty.get(0));
            assertTrue(pretty.contains("  \"plugins\": {"), pretty.toString());
            assertEquals(
                    compact.get(0)
                            .replaceAll("\"(tick|lastTickMicros|threads|heapUsedBytes)\":\\d+", ""),
                    String.join("", pretty)
                            .replaceAll("\\s*\n?\\s*", "")
                            .replaceAll("\"(tick|lastTickMicros|threads|heapUsedBytes)\":\\d+", ""),
                    "the same figures");
        }
    }
}
