package dev.wsworld.testkit;

import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.CODE;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.KIND;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.REASON;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.USER;
import static dev.wsworld.api.websocketclient.WebsocketEvents.BINARY;
import static dev.wsworld.api.websocketclient.WebsocketEvents.CONNECTED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.CONNECT_FAILED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.DENIED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.DISCONNECTED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.USER_RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.api.websocketclient.WebsocketClientFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yaml.snakeyaml.Yaml;

/** The world a {@link WorldTest} gets: the real plugin, users, consent, config, nodes, servers. */
@WorldTest
@WorldConfig("limits: { connectionsPerUser: 7 }")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestWorldTest {
    private static TestWorld previousWorld;

    @Test
    @Order(1)
    void loadsThePackagedPluginAndConnectsOnceTheUserSaysYes(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        assertTrue(world.problems().isEmpty(), world.problems().toString());
        world.joinAsHost("alice");
        world.addClient("Room/Chat", server.uri("/chat"));

        assertEquals("alice", events.awaitEvent("Room/Chat", CONNECTED).get(USER));
        assertEquals("/chat", server.takeRequest().path());
        TestConsentPrompt.Prompt prompt = world.consent().prompts().get(0);
        assertEquals("alice", prompt.request().user().id());
        assertTrue(prompt.answered());
        assertEquals(ConsentPolicy.ALLOW, world.consent().policy());
        previousWorld = world;
    }

    @Test
    @Order(2)
    void eachTestHasAFreshWorldAndTheLastOneWasStopped(TestWorld world, WorldEvents events) {
        assertNotSame(previousWorld, world);
        assertFalse(Files.exists(previousWorld.directory()), "the last world's directory is gone");
        assertThrows(IllegalStateException.class, () -> previousWorld.join("late"));
        assertEquals(0, world.<Integer>call(model -> model.users().size()));
        assertEquals(0, world.<Integer>call(model -> model.slots().size()));
        assertTrue(events.all().isEmpty());
    }

    @Test
    @Consent(ConsentPolicy.DENY)
    void aUserWhoSaysNoKeepsTheWorldOffTheNetwork(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());

        assertEquals("denied", events.awaitEvent("Chat", DENIED).get(REASON));
        assertTrue(server.requests().isEmpty(), "consent comes before connecting");
        events.assertThat("Chat").doesNotContain(CONNECTED);
    }

    @Test
    @Consent(ConsentPolicy.ASK)
    void theTestAnswersThePromptAsTheUser(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        world.joinAsHost("alice");
        ClientComponent chat = world.addClient("Chat", server.uri());

        TestConsentPrompt.Prompt prompt = world.consent().awaitPrompt();
        ConsentRequest request = prompt.request();
        assertSame(world.world(), request.world());
        assertEquals("alice", request.user().id());
        assertEquals("ws://127.0.0.1:" + server.port(), request.destination());
        assertFalse(prompt.answered());
        assertEquals("AwaitingConsent", chat.state());

        prompt.answer(ConsentAnswer.GRANTED_ONCE);
        events.awaitEvent("Chat", CONNECTED);
        assertTrue(chat.isConnected());
    }

    @Test
    void aPolicyChangedDuringTheTestAnswersTheNextPrompt(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        world.joinAsHost("alice");
        world.consent().policy(ConsentPolicy.IGNORE);
        world.addClient("Chat", server.uri());

        assertEquals("ignored", events.awaitEvent("Chat", DENIED).get(REASON));
        assertEquals(ConsentAnswer.IGNORED, world.consent().prompts().get(0).givenAnswer());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    @WorldConfig("network: { blockPrivateAddresses: true }")
    void theTestsConfigIsMergedOverTheKitsAndTheClasss(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        Map<String, Map<String, Object>> config = new Yaml().load(world.config());
        assertEquals(true, config.get("network").get("blockPrivateAddresses"), "method wins");
        assertEquals(7, config.get("limits").get("connectionsPerUser"), "the class's stays");
        assertEquals(Map.of("jitter", 0), config.get("defaults").get("retry"), "the kit's stays");

        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());
        // the plugin read it: loopback is blocked again
        assertEquals(
                FailureKind.BLOCKED.eventName(),
                events.awaitEvent("Chat", CONNECT_FAILED).get(KIND));
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void usersJoinAndLeaveAndTheHandlingUserFollows(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        ClientComponent chat =
                world.addClient(
                        "Chat",
                        Map.of(
                                WebsocketClientFields.URL.name(),
                                server.uri(),
                                WebsocketClientFields.HANDLING_USER.name(),
                                "bob"));
        assertEquals("WaitingForUser", chat.state(), "nobody is there to handle it");

        world.join("bob");
        assertEquals("bob", events.awaitEvent("Chat", CONNECTED).get(USER));
        world.leave("bob");
        events.awaitEvent("Chat", DISCONNECTED);
        events.assertThat("Chat")
                .only(USER_RESOLVED, CONNECTED, DISCONNECTED)
                .containsInOrder(USER_RESOLVED, CONNECTED, USER_RESOLVED, DISCONNECTED)
                .isBalanced();
    }

    @Test
    void nodesReachTheServerAsMaskedFramesAndDisconnectClosesWith1000(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        server.enqueue(Script.accept().echo());
        world.joinAsHost("alice");
        ClientComponent chat = world.addClient("Chat", server.uri());
        events.awaitEvent("Chat", CONNECTED);

        chat.sendBinary(new byte[] {0, 1, 2, (byte) 0xff});
        assertEquals("000102ff", events.awaitEvent("Chat", BINARY).get("hex"));
        chat.disconnect();
        assertEquals(1000, events.awaitEvent("Chat", DISCONNECTED).get(CODE));

        ServerConnection connection = server.awaitConnection();
        ClientFrame binary = connection.awaitFrame(ClientFrame.BINARY);
        assertTrue(binary.masked());
        assertEquals("000102ff", binary.hex());
        assertEquals(1000, connection.awaitCloseFrame().closeCode().orElseThrow());
    }

    @Test
    void theServersCloseCodeAndReasonReachTheWorld(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        server.enqueue(Script.accept().close(4001, "room closed"));
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());

        var disconnected = events.awaitEvent("Chat", DISCONNECTED);
        assertEquals(4001, disconnected.get(CODE));
        assertEquals("room closed", disconnected.get(REASON));
    }

    @Test
    void aRefusedUpgradeIsAHandshakeFailure(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        server.enqueue(Script.refuse(403));
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());

        var failed = events.awaitEvent("Chat", CONNECT_FAILED);
        assertEquals(FailureKind.HANDSHAKE.eventName(), failed.get(KIND));
        assertTrue(failed.get("error").toString().contains("403"), failed.toString());
    }

    @Test
    @WorldConfig("defaults: { connectTimeout: 1s }")
    void aHeldHandshakeRunsIntoTheConnectTimeout(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        server.enqueue(Script.accept().holdHandshake());
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());

        server.takeRequest();
        var failed = events.awaitEvent("Chat", CONNECT_FAILED);
        // the kind is not asserted: the plugin reports Jetty's upgrade timeout as 'handshake'
        assertTrue(
                failed.get("error").toString().toLowerCase(Locale.ROOT).contains("timeout"),
                failed.toString());
        assertTrue(server.connections().isEmpty(), "the handshake never completed");
    }

    @Test
    void anAbortedConnectionIsA1006(TestWorld world, WorldEvents events, ScriptedServer server) {
        server.enqueue(Script.accept().abort());
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());

        var disconnected = events.awaitEvent("Chat", DISCONNECTED);
        assertEquals(1006, disconnected.get(CODE));
        assertEquals(false, disconnected.get("clean"));
    }

    @Test
    void aSecureServerIsTrustedByTheWorld(
            TestWorld world, WorldEvents events, @Secure ScriptedServer server) {
        server.enqueue(Script.accept().sendText("over tls"));
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());

        events.awaitEvent("Chat", CONNECTED);
        assertEquals("over tls", events.awaitEvent("Chat", "text").get("data"));
        assertTrue(world.config().contains("kit-trust.p12"), world.config());
    }

    @Test
    @WorldTest(ticksPerSecond = 200)
    void theTestWaitsForTicks(TestWorld world) {
        long before = world.tick();
        world.awaitTicks(5);
        assertTrue(world.tick() >= before + 5, "at " + world.tick() + " after " + before);
    }

    @Test
    void withoutTheArtifactTheWorldSaysWhereItLooked() {
        String kept = System.getProperty(PluginArtifact.PROPERTY);
        try {
            System.setProperty(PluginArtifact.PROPERTY, "no/such/plugin.jar");
            IllegalStateException missing =
                    assertThrows(IllegalStateException.class, PluginArtifact::locate);
            assertTrue(
                    missing.getMessage()
                            .contains(Path.of("no/such/plugin.jar").toAbsolutePath().toString()),
                    missing.getMessage());
        } finally {
            System.setProperty(PluginArtifact.PROPERTY, kept);
        }
    }
}
