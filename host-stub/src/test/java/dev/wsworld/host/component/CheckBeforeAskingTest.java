package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user is asked only about what can happen: a destination's name is looked up and every address
 * checked before the prompt, so one that could only be refused is Blocked without asking.
 */
class CheckBeforeAskingTest {
    private static final String WORLD = "users: [ { id: alice, host: true, local: true } ]\n";

    @TempDir Path dir;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static Map<String, Object> client(String url) {
        return Map.of("URL", URI.create(url), "HandlingUser", "alice", "ConnectRetryInterval", 30f);
    }

    private void assertBlockedWithoutAPrompt(HostFixture host, String slot, String reasonStart)
            throws Exception {
        HostEvent failed = host.await(slot, "connectFailed");
        assertEquals("blocked", failed.get("kind"), failed.toJson());
        assertTrue(failed.get("error").toString().startsWith(reasonStart), failed.toJson());
        assertEquals("Blocked", host.field(slot, "State"));
        assertFalse(
                host.names(slot, 0).contains("consentRequested"),
                "asked about what could only be refused");
        assertEquals(0, host.host().prompts().pendingCount());
    }

    @Test
    void localhostInAnySpellingIsLoopbackWithoutAskingAnyone() throws Exception {
        try (HostFixture host =
                HostFixture.in(dir)
                        .world(WORLD)
                        .config("network: { blockPrivateAddresses: true }\n")
                        .interactive()
                        .start()) {
            List<String> spellings =
                    List.of("LOCALHOST", "localhost.", "app.localhost", "App.Localhost.");
            for (int i = 0; i < spellings.size(); i++) {
                host.addClient(
                        "l" + i,
                        client("ws://" + spellings.get(i) + ":" + server.port() + "/echo"));
                assertBlockedWithoutAPrompt(
                        host,
                        "l" + i,
                        spellings.get(i).toLowerCase(Locale.ROOT).replaceAll("\\.$", "")
                                + " resolves to ");
            }
            assertEquals(0, server.upgrades("/echo"));
        }
    }

    @Test
    void aNameMappedToAnyBlockedRangeIsRefusedBeforeThePrompt() throws Exception {
        Map<String, String> ranges =
                Map.of(
                        "loop.test",
                        "127.0.0.2",
                        "private.test",
                        "10.1.2.3",
                        "metadata.test",
                        "169.254.169.254",
                        "cgnat.test",
                        "100.64.0.1",
                        "six.test",
                        "fd00::1",
                        "mapped.test",
                        "::ffff:192.168.1.1",
                        "zero.test",
                        "0.0.0.0");
        StringBuilder hosts = new StringBuilder();
        ranges.forEach(
                (name, address) ->
                        hosts.append(name).append(": \"").append(address).append("\", "));
        String config = "network:\n  blockPrivateAddresses: true\n  hosts: { " + hosts + "}\n";
        try (HostFixture host =
                HostFixture.in(dir).world(WORLD).config(config).interactive().start()) {
            for (String name : ranges.keySet()) {
                String slot = name.replace('.', '-');
                host.addClient(slot, client("ws://" + name + ":" + server.port() + "/"));
                assertBlockedWithoutAPrompt(host, slot, name + " resolves to ");
            }
        }
    }

    @Test
    void anExactAllowlistEntryForLocalhostConnectsWithoutAPrompt() throws Exception {
        String config =
                "allowlist: [ \"ws://localhost:"
                        + server.port()
                        + "\" ]\nnetwork: { blockPrivateAddresses: true }\n";
        try (HostFixture host =
                HostFixture.in(dir).world(WORLD).config(config).interactive().start()) {
            host.addClient("local", client("ws://Localhost.:" + server.port() + "/echo"));
            host.await("local", "connected");
            assertFalse(host.names("local", 0).contains("consentRequested"));
        }
    }

    @Test
    void thePromptShowsTheDestinationExactlyAsItWillBeUsed() throws Exception {
        String config =
                "network:\n  blockPrivateAddresses: false\n  hosts: { chat.test: 127.0.0.1 }\n";
        try (HostFixture host =
                HostFixture.in(dir).world(WORLD).config(config).interactive().start()) {
            host.addClient("chat", client("ws://Chat.TEST.:" + server.port() + "/echo"));
            HostEvent asked = host.await("chat", "consentRequested");
            assertEquals("chat.test", asked.get("host"));
            assertEquals("ws", asked.get("scheme"));
            assertEquals(server.port(), ((Number) asked.get("port")).intValue());
            host.call(() -> null); // the prompt is shown in the same tick as the event, after it
            assertTrue(
                    host.display()
                            .get(0)
                            .contains("to allow a connection to ws://chat.test:" + server.port()),
                    host.display().toString());
            host.host()
                    .prompts()
                    .answer(
                            java.util.Optional.of("alice"),
                            java.util.Optional.empty(),
                            dev.wsworld.api.extension.ConsentAnswer.GRANTED_ONCE);
            host.await("chat", "connected");
            assertEquals(
                    "chat.test:" + server.port(),
                    server.hostHeaders.poll(),
                    "the Host header keeps the name");
        }
    }
}
