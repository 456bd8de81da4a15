package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.websocketclient.HostAccessScope;
import dev.wsworld.host.console.CommandException;
import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.output.StreamScreen;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Request Host Access node: asking ahead, through every rule a connection meets. */
class RequestHostAccessTest {
    private static final String WORLD = "users: [ { id: alice, host: true, local: true } ]\n";

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

    private void startHost(String config) throws Exception {
        host = HostFixture.in(dir).world(WORLD).config(config).interactive().start();
        // a client without a URL yet: it only asks ahead
        host.addClient(
                "chat",
                Map.of(
                        "HandlingUser",
                        "alice",
                        "AccessReason",
                        "Chat bridge",
                        "ConnectRetryInterval",
                        30f));
    }

    private void request(String hostName, int port, HostAccessScope scope) throws Exception {
        host.run(() -> host.client("chat").requestHostAccess(hostName, port, scope));
    }

    @Test
    void aRequestGrantedAlwaysLetsALaterConnectGoWithoutASecondPrompt() throws Exception {
        startHost("network: { blockPrivateAddresses: false }\n");
        request("127.0.0.1", server.port(), HostAccessScope.WS);
        HostEvent asked = host.await("chat", "consentRequested");
        assertEquals("Chat bridge", asked.get("reason"));
        host.host()
                .prompts()
                .answer(Optional.of("alice"), Optional.empty(), ConsentAnswer.GRANTED_ALWAYS);
        HostEvent granted = host.await("chat", "hostAccessGranted");
        assertEquals("alice", granted.get("user"));
        assertEquals("127.0.0.1", granted.get("host"));
        assertEquals("ws", granted.get("scope"));
        long mark = host.mark();
        host.run(
                () ->
                        host.client("chat")
                                .connect(
                                        URI.create("ws://127.0.0.1:" + server.port() + "/echo"),
                                        null));
        host.await("chat", "connected");
        assertFalse(host.names("chat", mark).contains("consentRequested"), "asked a second time");
    }

    @Test
    void aRequestDeniedMakesALaterConnectDeniedWithoutAPrompt() throws Exception {
        startHost("network: { blockPrivateAddresses: false }\n");
        request("127.0.0.1", server.port(), HostAccessScope.BOTH);
        host.await("chat", "consentRequested");
        host.host().prompts().answer(Optional.of("alice"), Optional.empty(), ConsentAnswer.DENIED);
        assertEquals("denied", host.await("chat", "hostAccessDenied").get("reason"));
        long mark = host.mark();
        host.run(
                () ->
                        host.client("chat")
                                .connect(
                                        URI.create("wss://127.0.0.1:" + server.port() + "/echo"),
                                        null));
        host.await("chat", "denied");
        assertFalse(
                host.names("chat", mark).contains("consentRequested"),
                "a remembered denial asks nobody");
        assertEquals(0, server.upgrades("/echo"));
    }

    @Test
    void theRulesApplyBeforeAnyoneIsAsked() throws Exception {
        startHost(
                """
                allowlist: [ "ws://pre.test:*" ]
                denylist: [ "ws://bad.test:*" ]
                network:
                  blockPrivateAddresses: true
                  hosts: { pre.test: 93.184.216.34, bad.test: 93.184.216.35, inside.test: 10.0.0.7 }
                """);
        request("pre.test", 9000, HostAccessScope.WS);
        assertEquals("pre.test", host.await("chat", "hostAccessGranted").get("host"));
        request("bad.test", 9000, HostAccessScope.WS);
        assertTrue(
                host.await("chat", "hostAccessDenied")
                        .get("reason")
                        .toString()
                        .contains("denylist"));
        request("inside.test", 9000, HostAccessScope.WSS);
        assertTrue(
                host.await("chat", "hostAccessDenied")
                        .get("reason")
                        .toString()
                        .startsWith("inside.test resolves to 10.0.0.7"));
        request("LOCALHOST.", 9000, HostAccessScope.BOTH);
        assertTrue(
                host.await("chat", "hostAccessDenied")
                        .get("reason")
                        .toString()
                        .contains("loopback"));
        assertFalse(host.names("chat", 0).contains("consentRequested"), "nobody was asked");
    }

    @Test
    void aRequestWhileAPromptForTheSameDestinationIsPendingJoinsIt() throws Exception {
        startHost("network: { blockPrivateAddresses: false }\n");
        host.addClient(
                "radio",
                Map.of(
                        "URL",
                        URI.create("ws://127.0.0.1:" + server.port() + "/echo"),
                        "HandlingUser",
                        "alice",
                        "ConnectRetryInterval",
                        30f));
        host.await("radio", "consentRequested");
        request("127.0.0.1", server.port(), HostAccessScope.WS);
        host.call(() -> null);
        assertEquals(
                1, host.host().prompts().pendingCount(), "one prompt per user and destination");
        host.host()
                .prompts()
                .answer(Optional.of("alice"), Optional.empty(), ConsentAnswer.GRANTED_ONCE);
        host.await("chat", "hostAccessGranted");
        host.await("radio", "connected");
    }

    @Test
    void theConsoleAsksTooAndARequestOnAStoppedPluginSaysWhy() throws Exception {
        startHost("network: { blockPrivateAddresses: false }\n");
        CommandInterpreter console =
                new CommandInterpreter(
                        host.host(),
                        new StreamScreen(new PrintStream(new ByteArrayOutputStream())));
        console.execute("request chat 127.0.0.1 " + server.port() + " ws");
        host.await("chat", "consentRequested");
        host.host().prompts().answer(Optional.of("alice"), Optional.empty(), ConsentAnswer.IGNORED);
        assertEquals("ignored", host.await("chat", "hostAccessIgnored").get("reason"));
        host.host().plugins().stopPlugin("websocket-client");
        CommandException refused =
                assertThrows(
                        CommandException.class,
                        () -> console.execute("request chat 127.0.0.1 " + server.port()));
        assertTrue(
                refused.getMessage().contains("its plugin is not running"), refused.getMessage());
    }
}
