package dev.wsworld.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.containers.support.ContainerSuite;
import dev.wsworld.containers.support.Peer;
import dev.wsworld.containers.support.Timeline;
import dev.wsworld.host.events.HostEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plugin against websocketd (Go, golang.org/x/net/websocket) running busybox programs. */
class ThirdPartyPeersIT extends ContainerSuite {
    @Test
    void echoesLinesInOrderWithoutLossOrDuplicates() throws Exception {
        try (Peer peer = Peer.websocketd(Peer.echo())) {
            peer.start();
            startHost("");
            Timeline chat = client("chat", peer.uri("/"));
            host.await("chat", WebsocketEvents.CONNECTED);
            List<String> messages = numbered("héllo-", 500);
            sendAndAwaitEcho("chat", messages);
            chat.assertTextsOfConnection(0, messages);
            assertEquals(1, peer.sessionsOpenedSinceStart(), peer.getLogs());
            assertHealthy(chat);
        }
    }

    @Test
    void everyLineBeforeTheServerClosesArrivesBeforeDisconnected() throws Exception {
        try (Peer peer = Peer.websocketd(Peer.countTo(300, "m"))) {
            peer.start();
            startHost("defaults: { deliveryBudgetPerTick: 16 }\n");
            Timeline burst = client("burst", peer.uri("/"));
            HostEvent closed = host.await("burst", WebsocketEvents.DISCONNECTED);
            // websocketd drops the TCP connection without a closing handshake when its program
            // exits:
            // the world must hear exactly that, not a clean close
            assertEquals(false, closed.get("clean"), closed.toJson());
            assertEquals(1006, ((Number) closed.get("code")).intValue(), closed.toJson());
            host.await("burst", WebsocketEvents.RETRY_SCHEDULED);
            host.await(
                    "burst", WebsocketEvents.DISCONNECTED); // the retry got the whole count again
            burst.assertTextsOfConnection(0, numbered("m", 300));
            burst.assertTextsOfConnection(1, numbered("m", 300));
            assertHealthy(burst);
        }
    }

    @Test
    void aLongLineSentAsOneFrameArrivesWhole() throws Exception {
        // Go sends it as one 200 000-byte frame; Jetty splits frames over 64 KiB, the plugin joins
        // them
        try (Peer peer =
                Peer.websocketd(
                        "/bin/busybox",
                        "sh",
                        "-c",
                        "busybox head -c 200000 /dev/zero | busybox tr '\\0' x; echo; echo after;"
                                + " exec busybox sleep 3600")) {
            peer.start();
            startHost("defaults: { maxMessageSize: 512KiB }\n");
            Timeline big = client("big", peer.uri("/"));
            host.await("big", WebsocketEvents.CONNECTED);
            String line = (String) host.await("big", WebsocketEvents.TEXT).get("data");
            assertEquals(200_000, line.length());
            assertTrue(line.chars().allMatch(c -> c == 'x'), "only x expected");
            assertEquals("after", host.await("big", WebsocketEvents.TEXT).get("data"));
            assertHealthy(big);
        }
    }

    @Test
    void aSilentServerHitsTheIdleTimeoutAndIsRetried() throws Exception {
        try (Peer peer = Peer.websocketd(Peer.silent())) {
            peer.start();
            startHost("defaults: { idleTimeout: 1s }\n");
            Timeline quiet = client("quiet", peer.uri("/"));
            host.await("quiet", WebsocketEvents.CONNECTED);
            HostEvent closed = host.await("quiet", WebsocketEvents.DISCONNECTED);
            assertFalse(
                    closed.get("reason").toString().isEmpty(),
                    "an idle close must say why: " + closed.toJson());
            host.await("quiet", WebsocketEvents.RETRY_SCHEDULED);
            host.await("quiet", WebsocketEvents.CONNECTED);
            assertHealthy(quiet);
        }
    }

    @Test
    void keepAlivePingsAnsweredByTheServerHoldASilentConnectionOpen() throws Exception {
        try (Peer peer = Peer.websocketd(Peer.silent())) {
            peer.start();
            startHost("defaults: { idleTimeout: 1s, keepAlivePing: 300ms }\n");
            Timeline quiet = client("quiet", peer.uri("/"));
            host.await("quiet", WebsocketEvents.CONNECTED);
            letRetryIntervalsPass(quiet, 8); // 4 s: four idle timeouts
            assertTrue(quiet.named(WebsocketEvents.DISCONNECTED).isEmpty(), quiet.describe());
            assertEquals(true, host.field("quiet", "IsConnected"));
            assertEquals(1, peer.sessionsOpenedSinceStart(), peer.getLogs());
            assertHealthy(quiet);
        }
    }
}
