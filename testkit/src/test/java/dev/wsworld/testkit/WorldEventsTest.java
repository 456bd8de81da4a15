package dev.wsworld.testkit;

import static dev.wsworld.api.websocketclient.WebsocketEvents.CONNECTED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.DENIED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.DISCONNECTED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.world.ComponentEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Waits and assertions over a world's events: they pass on what happened, and fail otherwise. */
@WorldTest
class WorldEventsTest {
    @Test
    void awaitEventTakesEachOccurrenceInTurn(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        server.enqueue(Script.accept().sendText("one").sendText("two").sendText("three"));
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());

        assertEquals("one", events.awaitEvent("Chat", TEXT).get("data"));
        assertEquals("two", events.awaitEvent("Chat", TEXT).get("data"));
        assertEquals("three", events.awaitEvent("Chat", TEXT).get("data"));
        ComponentEvent connected =
                events.awaitEvent(
                        e -> e.name().equals(CONNECTED), "any", WorldEvents.DEFAULT_TIMEOUT);
        assertEquals(CONNECTED, connected.name());
        assertEquals(
                events.names("Chat").indexOf(CONNECTED) + 1,
                events.names("Chat").indexOf(TEXT),
                "the texts came right after connected");
    }

    @Test
    void aWaitForWhatNeverComesFailsListingTheEvents(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());
        events.awaitEvent("Chat", CONNECTED);

        AssertionFailedError failure =
                assertThrows(
                        AssertionFailedError.class,
                        () -> events.awaitEvent("Chat", DENIED, Duration.ofMillis(200)));
        assertTrue(failure.getMessage().contains("Chat connected"), failure.getMessage());
        assertThrows(
                AssertionFailedError.class,
                () -> events.awaitEvent("Elsewhere", CONNECTED, Duration.ofMillis(50)));
    }

    @Test
    void sequenceAssertionsPassOnWhatHappenedAndFailOnAnythingElse(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        server.enqueue(Script.accept().sendText("hi").close(1000, "bye"));
        world.joinAsHost("alice");
        ClientComponent chat = world.addClient("Chat", server.uri());
        events.awaitEvent(chat, DISCONNECTED);

        EventAssert chatEvents = events.assertThat("Chat").only(CONNECTED, TEXT, DISCONNECTED);
        chatEvents.containsExactly(CONNECTED, TEXT, DISCONNECTED).isBalanced();
        events.assertThat("Chat").containsInOrder(CONNECTED, DISCONNECTED).doesNotContain(DENIED);

        assertThrows(AssertionFailedError.class, () -> chatEvents.containsExactly(CONNECTED, TEXT));
        assertThrows(
                AssertionFailedError.class,
                () -> events.assertThat("Chat").containsInOrder(DISCONNECTED, CONNECTED));
        assertThrows(
                AssertionFailedError.class, () -> events.assertThat("Chat").doesNotContain(TEXT));
    }

    @Test
    void balancedFailsWhileAConnectionIsOpenAndHoldsOnceTheWorldStops(
            TestWorld world, WorldEvents events, ScriptedServer server) {
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());
        events.awaitEvent("Chat", CONNECTED);

        AssertionFailedError open =
                assertThrows(AssertionFailedError.class, () -> events.assertThatAll().isBalanced());
        assertTrue(open.getMessage().contains("no 'disconnected'"), open.getMessage());

        world.stop(); // the plugin closes the connection with 1001, and the world hears it
        assertEquals(1001, events.awaitEvent("Chat", DISCONNECTED).get("code"));
        events.assertThatAll().isBalanced();
    }
}
