package dev.wsworld.host.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.host.console.CommandException;
import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.output.StreamScreen;
import dev.wsworld.host.testing.CommandLineRun;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A world's author controls its size and shape: every input is bounded, and refused by name past
 * its bound.
 */
class BoundedInputsTest {
    @TempDir Path dir;

    private static String oneLongScalar(int bytes) {
        return "world: { name: \"" + "x".repeat(bytes) + "\" }\n";
    }

    @Test
    void oversizedFilesAreRefusedBeforeParsingNamingFileSizeAndLimit() throws Exception {
        int over = YamlConfigLoader.MAX_FILE_BYTES + 1;
        HostFixture.Builder builder = HostFixture.in(dir).world(oneLongScalar(over));
        ConfigException world = assertThrows(ConfigException.class, builder::start);
        assertTrue(
                world.getMessage()
                        .contains(
                                "world.yaml:1:1: file is "
                                        + (over + 20)
                                        + " bytes, over the "
                                        + YamlConfigLoader.MAX_FILE_BYTES
                                        + "-byte limit for YAML files; refused without reading it"),
                world.getMessage());

        HostFixture.Builder config =
                HostFixture.in(dir.resolve("c")).config("# " + "x".repeat(over) + "\n");
        assertTrue(
                assertThrows(ConfigException.class, config::start)
                        .getMessage()
                        .contains("websocket-client.yaml:1:1: file is"),
                "the plugin's configuration is bounded too");

        Path decisions = dir.resolve("d/config/consent-decisions.yaml");
        Files.createDirectories(decisions.getParent());
        Files.writeString(decisions, "# " + "x".repeat(over) + "\n");
        assertTrue(
                assertThrows(ConfigException.class, () -> HostFixture.in(dir.resolve("d")).start())
                        .getMessage()
                        .contains("consent-decisions.yaml:1:1: file is"));
    }

    @Test
    void anOversizedScriptIsExit2() throws Exception {
        Path script = dir.resolve("huge.txt");
        Files.writeString(script, "status\n".repeat(200_000));
        Files.createDirectories(dir.resolve("none"));
        CommandLineRun run =
                CommandLineRun.of(
                        "--script",
                        script.toString(),
                        "--plugins",
                        dir.resolve("none").toString(),
                        "--headless");
        assertEquals(2, run.status(), run.both());
        assertTrue(
                run.err()
                        .contains(
                                "huge.txt:1:1: file is 1400000 bytes, over the 1048576-byte limit"
                                        + " for scripts"),
                run.err());
    }

    @Test
    void loadAddAndSaveAgreeOnOneSlotDepth() throws Exception {
        Path saved = dir.resolve("deep.yaml");
        try (HostFixture host = HostFixture.in(dir).start()) {
            host.run(
                    () -> {
                        SimpleSlot parent = null;
                        for (int depth = 1; depth <= SimpleWorld.MAX_SLOT_DEPTH; depth++) {
                            parent = host.world().addSlot(parent, "s" + depth);
                        }
                        SimpleSlot deepest = parent;
                        IllegalArgumentException refused =
                                assertThrows(
                                        IllegalArgumentException.class,
                                        () -> host.world().addSlot(deepest, "one-too-many"));
                        assertTrue(
                                refused.getMessage()
                                        .endsWith(
                                                "would be 257 levels deep; slots nest at most 256"
                                                        + " levels"),
                                refused.getMessage());
                    });
            CommandInterpreter console =
                    new CommandInterpreter(
                            host.host(),
                            new StreamScreen(new PrintStream(new ByteArrayOutputStream())));
            CommandException refused =
                    assertThrows(
                            CommandException.class,
                            () -> console.execute("add " + deepestPath() + "/x WebsocketClient"));
            assertTrue(
                    refused.getMessage().contains("slots nest at most 256 levels"),
                    refused.getMessage());
            console.execute("save " + saved);
        }
        String text = Files.readString(saved);
        assertFalse(
                Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                "no temporary file left");
        try (HostFixture host = HostFixture.in(dir.resolve("again")).world(text).start()) {
            assertTrue(
                    host.world().slot(deepestPath()).isPresent(),
                    "a saved world loads back, deepest slot included");
        }
    }

    private static String deepestPath() {
        StringBuilder path = new StringBuilder("s1");
        for (int depth = 2; depth <= SimpleWorld.MAX_SLOT_DEPTH; depth++) {
            path.append("/s").append(depth);
        }
        return path.toString();
    }

    @Test
    void aWorldDeeperThanTheLimitIsRefusedByName() {
        // slots: [ { name: s1, children: [ { name: s2, children: [ ... { name: s257 } ] } ] } ]
        int depth = SimpleWorld.MAX_SLOT_DEPTH + 1;
        String world =
                "slots: "
                        + "[ { name: s, children: ".repeat(depth - 1)
                        + "[ { name: s } ]"
                        + " } ]".repeat(depth - 1)
                        + "\n";
        ConfigException refused =
                assertThrows(ConfigException.class, () -> HostFixture.in(dir).world(world).start());
        assertTrue(
                refused.getMessage()
                        .contains("would be 257 levels deep; slots nest at most 256 levels"),
                refused.getMessage());
        assertTrue(
                refused.getMessage().contains(".name"),
                "the error points at the slot: " + refused.getMessage());
    }

    @Test
    void anOverlongHostIsBlockedBeforeAnyPromptOrLookUp() throws Exception {
        String world = "users: [ { id: alice, host: true, local: true } ]\n";
        try (HostFixture host = HostFixture.in(dir).world(world).interactive().start()) {
            host.addClient(
                    "long",
                    Map.of(
                            "URL",
                            URI.create("ws://" + "a".repeat(300) + ".example/"),
                            "HandlingUser",
                            "alice"));
            HostEvent failed = host.await("long", "connectFailed");
            assertTrue(
                    failed.get("error")
                            .toString()
                            .contains("host name is 308 characters long; at most 253"),
                    failed.toJson());
            assertEquals("Blocked", host.field("long", "State"));
            assertFalse(host.names("long", 0).contains("consentRequested"));
            assertEquals(0, host.host().prompts().pendingCount());
        }
    }
}
