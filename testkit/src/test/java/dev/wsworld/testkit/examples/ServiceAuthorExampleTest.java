package dev.wsworld.testkit.examples;

import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.CODE;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.DATA;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.DELAY_MS;
import static dev.wsworld.api.websocketclient.WebsocketEvents.CONNECTED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.DISCONNECTED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.RETRY_SCHEDULED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsworld.testkit.ClientComponent;
import dev.wsworld.testkit.ManualClock;
import dev.wsworld.testkit.TestWorld;
import dev.wsworld.testkit.WorldConfig;
import dev.wsworld.testkit.WorldEvents;
import dev.wsworld.testkit.WorldTest;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.Test;

@WorldTest
class ServiceAuthorExampleTest {
    /** Stands in for your service: answers each message, and closes on "bye". */
    public static final class ChatService implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
        }

        @Override
        public void onWebSocketText(String message) {
            if (message.equals("bye")) {
                session.close(1000, "see you", Callback.NOOP);
            } else {
                session.sendText("you said: " + message, Callback.NOOP);
            }
        }
    }

    /** Your service, started on a free port of 127.0.0.1. */
    static Server startChatService() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(
                WebSocketUpgradeHandler.from(
                        server,
                        container ->
                                container.addMapping(
                                        "/chat",
                                        (request, response, callback) -> new ChatService())));
        server.start();
        return server;
    }

    @Test
    @WorldConfig("defaults: { connectRetryInterval: 30s }")
    void aWorldChatsWithTheServiceAndComesBackAfterItCloses(
            TestWorld world, WorldEvents events, ManualClock clock) throws Exception {
        Server service = startChatService();
        try {
            int port = ((ServerConnector) service.getConnectors()[0]).getLocalPort();
            world.joinAsHost("alice"); // she handles the connection, and says yes when asked
            ClientComponent chat =
                    world.addClient("Chat", URI.create("ws://127.0.0.1:" + port + "/chat"));
            events.awaitEvent("Chat", CONNECTED);

            chat.sendText("hello");
            assertEquals("you said: hello", events.awaitEvent("Chat", TEXT).get(DATA));

            chat.sendText("bye"); // the service closes the connection
            assertEquals(1000, events.awaitEvent("Chat", DISCONNECTED).get(CODE));
            assertEquals(30_000L, events.awaitEvent("Chat", RETRY_SCHEDULED).get(DELAY_MS));
            clock.advance(Duration.ofSeconds(30)); // the retry is due: no real waiting
            events.awaitEvent("Chat", CONNECTED);
            events.assertThat("Chat").containsInOrder(CONNECTED, TEXT, DISCONNECTED, CONNECTED);
        } finally {
            service.stop();
        }
    }
}
