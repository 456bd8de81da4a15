package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.BalancedEvents;
import dev.wsworld.host.testing.CommandLineRun;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consent, allowlists and private-address blocking, with real sockets on loopback. */
class NetworkSafetyTest {
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

    private Map<String, Object> client(String url) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("URL", URI.create(url));
        fields.put("HandlingUser", "alice");
        fields.put("ConnectRetryInterval", 0.2f);
        return fields;
    }

    private String port() {
        return String.valueOf(server.port());
    }

    @Test
    void loopbackInEverySpellingIsBlockedByDefaultAndNotRetried() throws Exception {
        try (HostFixture host =
                HostFixture.in(dir).config("network:\n  blockPrivateAddresses: true\n").start()) {
            List<String> urls =
                    List.of(
                            "ws://127.0.0.1:" + port() + "/echo",
                            "ws://0x7f.1:" + port() + "/echo",
                            "ws://2130706433:" + port() + "/echo",
                            "ws://[::ffff:127.0.0.1]:" + port() + "/echo",
                            "ws://[::]:" + port() + "/echo",
                            "ws://[::1]:" + port() + "/echo",
                            "ws://localhost:" + port() + "/echo");
            for (int i = 0; i < urls.size(); i++) {
                host.addClient("c" + i, client(urls.get(i)));
                HostEvent failed = host.await("c" + i, "connectFailed");
                assertTrue(
                        failed.get("error").toString().contains("network.blockPrivateAddresses"),
                        urls.get(i) + ": " + failed.toJson());
                assertEquals("Blocked", host.field("c" + i, "State"), urls.get(i));
            }
            host.addClient("clock", client("ws://127.0.0.1:" + port() + "/clock"));
            host.await("clock", "connectFailed");
            assertEquals(
                    0,
                    server.upgrades("/echo") + server.upgrades("/clock"),
                    "nothing may reach the server");
            for (int i = 0; i < urls.size(); i++) {
                assertFalse(host.names("c" + i, 0).contains("retryScheduled"), urls.get(i));
                if (!urls.get(i).contains("localhost")) {
                    // addresses are refused before anyone is asked; names only once DNS has
                    // answered
                    assertFalse(host.names("c" + i, 0).contains("consentRequested"), urls.get(i));
                }
            }
        }
    }

    @Test
    void aNameResolvingToLoopbackIsBlockedAfterDnsUnlessNamedExactly() throws Exception {
        String config =
                """
                allowlist: [ "ws://*.test:*", "ws://chat.test:%s" ]
                network:
                  blockPrivateAddresses: true
                  hosts: { evil.test: 127.0.0.1, chat.test: 127.0.0.1 }
                """
                        .formatted(port());
        try (HostFixture host = HostFixture.in(dir).config(config).start()) {
            host.addClient("evil", client("ws://evil.test:" + port() + "/echo"));
            HostEvent failed = host.await("evil", "connectFailed");
            assertEquals("blocked", failed.get("kind"), failed.toJson());
            assertTrue(
                    failed.get("error")
                            .toString()
                            .startsWith("evil.test resolves to 127.0.0.1, loopback"),
                    failed.toJson());
            assertEquals("Blocked", host.field("evil", "State"));

            host.addClient("chat", client("ws://chat.test:" + port() + "/echo"));
            host.await("chat", "connected");
            assertFalse(
                    host.names("chat", 0).contains("consentRequested"), "allowlisted: no prompt");
            assertEquals(
                    "chat.test:" + port(),
                    server.hostHeaders.poll(),
                    "the Host header keeps the name");
            assertEquals(1, server.upgrades("/echo"));
        }
    }

    @Test
    void theDenylistWinsOverTheAllowlistAndOnlyAllowlistedRefusesTheRest() throws Exception {
        String config =
                """
                allowlist: [ "ws://127.0.0.1:%1$s" ]
                denylist: [ "ws://127.0.0.1:%1$s" ]
                onlyAllowlisted: true
                network: { blockPrivateAddresses: false }
                """
                        .formatted(port());
        try (HostFixture host = HostFixture.in(dir).config(config).start()) {
            host.addClient("both", client("ws://127.0.0.1:" + port() + "/echo"));
            assertEquals(
                    "denylist entry 'ws://127.0.0.1:" + port() + "'",
                    host.await("both", "connectFailed").get("error"));
            host.addClient("other", client("ws://localhost:" + port() + "/echo"));
            assertEquals(
                    "not on the allowlist (onlyAllowlisted is on)",
                    host.await("other", "connectFailed").get("error"));
            assertEquals(0, server.upgrades("/echo"));
        }
    }

    @Test
    void anAllowAlwaysGrantSurvivesARestartAndCanBeRevoked() throws Exception {
        String world =
                """
                users: [ { id: alice, host: true, local: true } ]
                slots:
                  - name: lamp
                    components:
                      - type: WebsocketClient
                        fields: { URL: "ws://127.0.0.1:%s/echo", ConnectRetryInterval: 30 }
                """
                        .formatted(port());
        try (HostFixture host = HostFixture.in(dir).world(world).interactive().start()) {
            host.await("lamp", "consentRequested");
            host.host()
                    .prompts()
                    .answer(
                            Optional.of("alice"),
                            Optional.empty(),
                            dev.wsworld.api.extension.ConsentAnswer.GRANTED_ALWAYS);
            host.await("lamp", "connected");
        }
        assertTrue(
                Files.readString(dir.resolve("config/consent-decisions.yaml"))
                        .contains(
                                "{user: alice, scheme: ws, host: 127.0.0.1, port: "
                                        + port()
                                        + ", answer: always}"));
        try (HostFixture host = HostFixture.in(dir).world(world).interactive().start()) {
            host.await("lamp", "connected");
            assertFalse(
                    host.names("lamp", 0).contains("consentRequested"), "the grant was remembered");
            // the same destination in other spellings is the same grant, never a new one to ask
            // about
            List<String> spellings =
                    List.of("[::ffff:127.0.0.1]", "0x7f.1", "127.0.0.1.", "2130706433");
            for (int i = 0; i < spellings.size(); i++) {
                String spelling = spellings.get(i);
                String slot = "lamp" + i;
                host.addClient(
                        slot,
                        Map.of(
                                "URL",
                                URI.create("ws://" + spelling + ":" + port() + "/echo"),
                                "HandlingUser",
                                "alice",
                                "ConnectRetryInterval",
                                30f));
                host.await(slot, "connected");
                assertFalse(
                        host.names(slot, 0).contains("consentRequested"),
                        spelling + " asked again");
            }
            assertEquals(
                    1,
                    host.host().consentDecisions().revoke("alice", "[0:0:0:0:0:ffff:7f00:1]", null),
                    "revoke takes any spelling too");
        }
        try (HostFixture host = HostFixture.in(dir).world(world).interactive().start()) {
            host.await("lamp", "consentRequested");
        }
    }

    @Test
    void promptsPerUserAreRateLimited() throws Exception {
        String world = "users: [ { id: alice, host: true, local: true } ]\n";
        try (HostFixture host =
                HostFixture.in(dir)
                        .world(world)
                        .interactive()
                        .config("limits: { promptsPerMinute: 2 }\n")
                        .start()) {
            for (int i = 0; i < 3; i++) {
                host.addClient(
                        "c" + i,
                        client("ws://127.0.0.1:" + (20000 + i) + "/")); // three destinations
            }
            host.await("c0", "consentRequested");
            host.await("c1", "consentRequested");
            HostEvent limited = host.await("c2", "connectFailed");
            assertTrue(
                    limited.get("error").toString().contains("too many consent prompts for alice"),
                    limited.toJson());
            long delay = ((Number) host.await("c2", "retryScheduled").get("delayMs")).longValue();
            assertTrue(
                    delay > 0 && delay <= 60_000, "asked again once the minute has room: " + delay);
            assertFalse(host.names("c2", 0).contains("denied"), "nobody denied anything");
            assertEquals("RetryWaiting", host.field("c2", "State"));
            assertEquals(2, host.host().prompts().pendingCount());
        }
    }

    @Test
    void connectionsPerUserAreCapped() throws Exception {
        try (HostFixture host =
                HostFixture.in(dir).config("limits: { connectionsPerUser: 1 }\n").start()) {
            host.addClient("one", client("ws://127.0.0.1:" + port() + "/echo"));
            host.await("one", "connected");
            host.addClient("two", client("ws://127.0.0.1:" + port() + "/echo"));
            HostEvent refused = host.await("two", "connectFailed");
            assertEquals(
                    "limit reached: 1 connections for alice (limits.connectionsPerUser)",
                    refused.get("error"));
            assertEquals("RetryWaiting", host.field("two", "State"));
            host.run(() -> host.client("one").disconnect());
            host.await("two", "connected");
        }
    }

    @Test
    void aHeadlessScriptShowsDenialWithoutRetryAndAnAllowlistedConnectionWithoutPrompt()
            throws Exception {
        HostFixture.Builder builder =
                HostFixture.in(dir)
                        .world(
                                """
                                users:
                                  - { id: alice, host: true }
                                """)
                        .config(
                                """
                                allowlist: [ "ws://127.0.0.1:%s" ]
                                network: { blockPrivateAddresses: false }
                                """
                                        .formatted(port()));
        var options = builder.options();
        Path script = dir.resolve("safety.txt");
        Files.writeString(
                script,
                """
                add asked WebsocketClient URL=ws://localhost:%1$s/echo HandlingUser=alice ConnectRetryInterval=0.2
                wait asked consentRequested
                wait asked denied
                add listed WebsocketClient URL=ws://127.0.0.1:%1$s/echo HandlingUser=alice
                wait listed connected
                add clock WebsocketClient URL=ws://127.0.0.1:%1$s/clock HandlingUser=alice ConnectRetryInterval=0.2
                wait clock connectFailed
                wait clock connectFailed
                wait clock connectFailed
                status asked
                """
                        .formatted(port()));
        Path events = dir.resolve("safety.jsonl");
        CommandLineRun run =
                CommandLineRun.of(
                        "--plugins",
                        options.plugins().toString(),
                        "--config",
                        options.config().toString(),
                        "--world",
                        options.worlds().get(0).toString(),
                        "--script",
                        script.toString(),
                        "--events",
                        events.toString(),
                        "--consent",
                        "alice=deny",
                        "--headless");
        assertEquals(0, run.status(), run.err());
        List<String> lines = Files.readAllLines(events);
        List<String> asked =
                lines.stream()
                        .filter(l -> l.contains("\"slot\":\"asked\""))
                        .map(NetworkSafetyTest::event)
                        .toList();
        assertEquals(
                List.of("userResolved", "consentRequested", "denied"),
                asked,
                "no retry after a denial");
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l ->
                                        l.contains("\"slot\":\"asked\"")
                                                && l.contains("\"reason\":\"denied\"")));
        List<String> listed =
                lines.stream()
                        .filter(l -> l.contains("\"slot\":\"listed\""))
                        .map(NetworkSafetyTest::event)
                        .toList();
        assertEquals(
                List.of("userResolved", "connected", "disconnected"),
                listed,
                "allowlisted: connected without a prompt, and closed when the host quit");
        BalancedEvents.assertBalancedLog(events);
        assertEquals(1, server.upgrades("/echo"), "only the allowlisted client reached the server");
        assertTrue(run.out().lines().anyMatch(line -> line.matches("  State +Denied")), run.out());
    }

    private static String event(String line) {
        return line.replaceAll(".*\"event\":\"(\\w+)\".*", "$1");
    }
}
