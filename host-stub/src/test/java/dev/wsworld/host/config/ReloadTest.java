package dev.wsworld.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing websocket-client.yaml while the world runs, then {@code reload}. */
class ReloadTest {
    @TempDir Path dir;
    private TestServer server;
    private HostFixture host;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            host.close();
        }
        server.close();
    }

    private void rewrite(String yaml) throws Exception {
        Files.writeString(dir.resolve("config/websocket-client.yaml"), yaml);
    }

    private Map<String, Object> client(String path) {
        return Map.of(
                "URL", server.uri(path), "HandlingUser", "alice", "ConnectRetryInterval", 0.3f);
    }

    @Test
    void newLimitsApplyAndADestinationThatBecameBlockedIsDisconnected() throws Exception {
        host = HostFixture.in(dir).config("limits: { connectionsPerUser: 1 }\n").start();
        host.addClient("first", client("/echo"));
        host.await("first", "connected");
        host.addClient("second", client("/echo"));
        assertTrue(
                host.await("second", "connectFailed")
                        .get("error")
                        .toString()
                        .contains("limits.connectionsPerUser"));

        rewrite("limits: { connectionsPerUser: 5 }\nnetwork: { blockPrivateAddresses: false }\n");
        List<String> report = host.host().reloadConfiguration();
        assertEquals(
                List.of(
                        "reloaded configuration of plugin 'websocket-client'",
                        "reloaded consent-decisions.yaml"),
                report);
        host.await("second", "connected");

        rewrite("denylist: [ \"ws://127.0.0.1:*\" ]\nnetwork: { blockPrivateAddresses: false }\n");
        assertEquals(
                "reloaded configuration of plugin 'websocket-client'",
                host.host().reloadConfiguration().get(0));
        HostEvent blocked = host.await("first", "connectFailed");
        assertEquals("blocked", blocked.get("kind"));
        assertEquals("denylist entry 'ws://127.0.0.1:*'", blocked.get("error"));
        HostEvent closed = host.await("first", "disconnected");
        assertEquals(1000, ((Number) closed.get("code")).intValue());
        assertEquals("Blocked", host.field("first", "State"));
        assertEquals(false, host.field("first", "IsConnected"));
        host.await("second", "disconnected");
        assertEquals(0, waitForNoSessions(), "the server still has open sessions");

        rewrite("network: { blockPrivateAddresses: false }\n");
        host.host().reloadConfiguration();
        host.await("first", "connected"); // the rule that blocked it is gone
    }

    private int waitForNoSessions() throws InterruptedException {
        for (int i = 0; i < 200 && server.openSessions() > 0; i++) {
            Thread.sleep(50);
        }
        return server.openSessions();
    }

    @Test
    void aReloadedAllowlistAppliesToNamesResolvedAfterIt() throws Exception {
        String network =
                "network:\n  blockPrivateAddresses: true\n  hosts: { chat.test: 127.0.0.1 }\n";
        host =
                HostFixture.in(dir)
                        .config(
                                "allowlist: [ \"ws://chat.test:"
                                        + server.port()
                                        + "\" ]\n"
                                        + network)
                        .start();
        Map<String, Object> named =
                Map.of(
                        "URL",
                        URI.create("ws://chat.test:" + server.port() + "/echo"),
                        "HandlingUser",
                        "alice",
                        "ConnectRetryInterval",
                        30f);
        host.addClient("first", named);
        host.await("first", "connected");
        rewrite(network); // the same network settings: only the allowlist changed
        host.host().reloadConfiguration();
        HostEvent blocked = host.await("first", "connectFailed");
        assertTrue(
                blocked.get("error").toString().startsWith("chat.test resolves to 127.0.0.1"),
                blocked.toJson());
        host.addClient("second", named);
        HostEvent refused = host.await("second", "connectFailed");
        assertTrue(
                refused.get("error").toString().startsWith("chat.test resolves to 127.0.0.1"),
                refused.toJson());
        assertEquals(1, server.upgrades("/echo"), "the second client must not reach the server");
    }

    @Test
    void aBrokenEditKeepsThePreviousConfigurationAndSaysWhere() throws Exception {
        host = HostFixture.in(dir).config("limits: { connectionsPerUser: 1 }\n").start();
        host.addClient("first", client("/echo"));
        host.await("first", "connected");
        rewrite("limits:\n  connectionsPerUser: lots\n");
        List<String> report = host.host().reloadConfiguration();
        assertTrue(report.get(0).startsWith("error: "), report.toString());
        assertTrue(
                report.get(0)
                        .contains(
                                "websocket-client.yaml:2:23: limits.connectionsPerUser: expected a"
                                        + " whole number but found 'lots'"),
                report.toString());
        assertTrue(
                report.get(0)
                        .endsWith("(plugin 'websocket-client' keeps its previous configuration)"),
                report.toString());
        // still the old limit of one, and the open connection untouched
        host.addClient("second", client("/echo"));
        assertTrue(
                host.await("second", "connectFailed")
                        .get("error")
                        .toString()
                        .contains("limits.connectionsPerUser"));
        assertEquals(true, host.field("first", "IsConnected"));
    }

    @Test
    void theConsoleReloadCommandPrintsTheOutcome() throws Exception {
        host = HostFixture.in(dir).start();
        Files.writeString(
                dir.resolve("config/consent-decisions.yaml"),
                "decisions:\n  - { user: alice, scheme: ftp, host: h, port: 1, answer: always }\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new dev.wsworld.host.console.CommandInterpreter(
                        host.host(),
                        new dev.wsworld.host.output.StreamScreen(new PrintStream(out, true)))
                .execute("reload");
        String text = out.toString();
        assertTrue(text.contains("reloaded configuration of plugin 'websocket-client'"), text);
        assertTrue(
                text.contains(
                        "consent-decisions.yaml:2:28: decisions[0].scheme: 'ftp' is not one of ws,"
                                + " wss (previous consent decisions kept)"),
                text);
    }

    @Test
    void networkSettingsChangeForNewConnectionsWhileOpenOnesStay() throws Exception {
        host = HostFixture.in(dir).start();
        host.addClient("kept", client("/echo"));
        host.await("kept", "connected");
        rewrite("defaults: { maxMessageSize: 1KiB }\nnetwork: { blockPrivateAddresses: false }\n");
        host.host().reloadConfiguration();
        host.addClient(
                "small",
                Map.of(
                        "URL",
                        server.uri("/big?size=4096"),
                        "HandlingUser",
                        "alice",
                        "ConnectRetryInterval",
                        30f));
        assertEquals(1009, ((Number) host.await("small", "disconnected").get("code")).intValue());
        host.run(() -> host.client("kept").sendText("x".repeat(4096)));
        assertEquals(
                4096,
                host.await("kept", "text").get("data").toString().length(),
                "the old socket keeps its settings");
        assertEquals(
                URI.create("ws://127.0.0.1:" + server.port() + "/echo"), host.field("kept", "URL"));
    }
}
