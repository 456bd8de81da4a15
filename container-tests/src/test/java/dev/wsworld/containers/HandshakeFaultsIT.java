package dev.wsworld.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.containers.support.ContainerSuite;
import dev.wsworld.containers.support.Peer;
import dev.wsworld.containers.support.Timeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Upgrades that never succeed, against busybox httpd: refused with a 4xx, and never answered. Both
 * are reported, retried after ConnectRetryInterval, never connected, and the world ticks on.
 */
class HandshakeFaultsIT extends ContainerSuite {
    @Test
    void anUpgradeRefusedWith4xxIsReportedAndRetried() throws Exception {
        try (Peer peer = Peer.httpd()) {
            peer.start();
            startHost("");
            Timeline chat = client("chat", peer.uri("/chat"));
            String error =
                    host.await("chat", WebsocketEvents.CONNECT_FAILED).get("error").toString();
            assertTrue(error.contains("404"), "the status must be reported: " + error);
            assertRetryAfterTheInterval(host.await("chat", WebsocketEvents.RETRY_SCHEDULED));
            host.await("chat", WebsocketEvents.CONNECT_FAILED); // the retry, refused again
            host.await("chat", WebsocketEvents.RETRY_SCHEDULED);

            // the server saw both attempts and refused both (busybox httpd -vv logs each response)
            assertTrue(
                    peer.getLogs().lines().filter(l -> l.endsWith("response:404")).count() >= 2,
                    peer.getLogs());
            neverConnected(chat);
        }
    }

    @Test
    void aHandshakeSlowerThanTheConnectTimeoutFailsAndIsRetried() throws Exception {
        try (Peer peer = Peer.httpd()) {
            peer.start();
            // the timeout is longer than the tick-gap limit: a connect blocking the world would
            // show
            startHost("defaults: { connectTimeout: 1500ms }\n");
            Timeline chat = client("chat", peer.uri("/cgi-bin/slow"));
            assertTimedOut(
                    host.await("chat", WebsocketEvents.CONNECT_FAILED).get("error").toString());
            host.await("chat", WebsocketEvents.RETRY_SCHEDULED);
            host.await("chat", WebsocketEvents.CONNECT_FAILED);
            host.await("chat", WebsocketEvents.RETRY_SCHEDULED);
            neverConnected(chat);
        }
    }

    private void neverConnected(Timeline chat) throws Exception {
        assertEquals(List.of(), chat.named(Timeline.IS_CONNECTED_TRUE), chat.describe());
        assertEquals(List.of(), chat.named(WebsocketEvents.CONNECTED), chat.describe());
        assertEquals(false, host.field("chat", "IsConnected"));
        assertHealthy(chat);
    }
}
