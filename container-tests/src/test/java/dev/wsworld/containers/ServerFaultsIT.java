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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Faults of a live echo server (websocketd running busybox cat): stopped, paused, killed. For each,
 * what arrived before the fault is all there, in order, before {@code disconnected}; IsConnected is
 * false from the moment the world hears of it until the server is back; the world keeps ticking;
 * and the client reconnects exactly once when the server returns.
 */
class ServerFaultsIT extends ContainerSuite {
    private static final List<String> BEFORE = numbered("before-", 200);
    private static final List<String> AFTER = numbered("after-", 20);

    @Test
    void aStoppedServerIsRetriedAndReconnectedOnceAfterItRestarts() throws Exception {
        try (Peer peer = Peer.websocketd(Peer.echo())) {
            Timeline chat = connectedAndEchoed(peer, "defaults: { connectTimeout: 3s }\n");

            long fault = System.nanoTime();
            peer.stopServer();
            host.await("chat", WebsocketEvents.DISCONNECTED);
            assertRetryAfterTheInterval(host.await("chat", WebsocketEvents.RETRY_SCHEDULED));
            String refused =
                    host.await("chat", WebsocketEvents.CONNECT_FAILED).get("error").toString();
            host.await(
                    "chat", WebsocketEvents.CONNECT_FAILED); // and retried again while still down
            assertEquals(false, host.field("chat", "IsConnected"), refused);

            long repaired = System.nanoTime();
            peer.startAgain();
            reconnectsAndEchoes();
            letRetryIntervalsPass(
                    chat, 4); // a stray retry timer would open a second connection by now

            assertEquals(2, chat.named(WebsocketEvents.CONNECTED).size(), chat.describe());
            assertEquals(1, peer.sessionsOpenedSinceStart(), peer.getLogs());
            chat.assertTextsOfConnection(0, BEFORE);
            chat.assertTextsOfConnection(1, AFTER);
            chat.assertNotConnectedWhileDown(fault, repaired);
            assertHealthy(chat);
        }
    }

    @Test
    void aPausedServerTripsTheIdleTimeout() throws Exception {
        pausedServer("defaults: { idleTimeout: 2s, connectTimeout: 2s }\n", false);
    }

    @Test
    void aPausedServerIsDetectedEvenWithKeepAlivePingsAndTrafficFlowing() throws Exception {
        // pings and the client's own sends keep the socket busy, so a healthy connection would
        // survive
        // the pause; a peer that answers nothing must still count as gone
        pausedServer(
                "defaults: { idleTimeout: 2s, connectTimeout: 2s, keepAlivePing: 500ms }\n", true);
    }

    private void pausedServer(String config, boolean sendDuringPause) throws Exception {
        try (Peer peer = Peer.websocketd(Peer.echo())) {
            Timeline chat = connectedAndEchoed(peer, config);

            long fault = System.nanoTime();
            peer.pause();
            ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
            if (sendDuringPause) {
                sender.scheduleAtFixedRate(
                        () -> {
                            try {
                                host.run(
                                        () -> {
                                            if (Boolean.TRUE.equals(
                                                    host.component("chat")
                                                            .field("IsConnected")
                                                            .orElseThrow()
                                                            .get())) {
                                                host.client("chat").sendText("still there?");
                                            }
                                        });
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        0,
                        250,
                        TimeUnit.MILLISECONDS);
            }
            try {
                HostEvent closed = host.await("chat", WebsocketEvents.DISCONNECTED);
                sender.shutdownNow();
                if (sendDuringPause) {
                    assertTrue(
                            closed.get("reason")
                                    .toString()
                                    .contains("no reply to keep-alive pings"),
                            closed.toJson());
                    assertTrue(
                            chat.named(WebsocketEvents.SENT).stream()
                                    .anyMatch(e -> e.nanos() > fault),
                            "no traffic flowed during the pause: " + chat.describe());
                }
                assertFalse(
                        closed.get("reason").toString().isEmpty(),
                        "the close must say why: " + closed.toJson());
                assertEquals(false, closed.get("clean"), closed.toJson());
                // the kernel still accepts TCP for the frozen server, but nobody answers the
                // upgrade
                assertTimedOut(
                        host.await("chat", WebsocketEvents.CONNECT_FAILED).get("error").toString());
            } finally {
                sender.shutdownNow();
                peer.unpause();
            }
            long repaired = System.nanoTime();
            reconnectsAndEchoes();

            List<List<String>> texts = chat.textsByConnection();
            assertEquals(BEFORE, texts.get(0));
            assertEquals(AFTER, texts.get(texts.size() - 1), chat.describe());
            chat.assertNotConnectedWhileDown(fault, repaired);
            assertHealthy(chat);
        }
    }

    @Test
    void aKilledServerIsReportedAsAbnormalClose1006AndRetried() throws Exception {
        try (Peer peer = Peer.websocketd(Peer.echo())) {
            Timeline chat = connectedAndEchoed(peer, "defaults: { connectTimeout: 3s }\n");

            long fault = System.nanoTime();
            peer.kill();
            HostEvent closed = host.await("chat", WebsocketEvents.DISCONNECTED);
            assertEquals(1006, code(closed), closed.toJson());
            assertEquals(false, closed.get("clean"), closed.toJson());
            host.await("chat", WebsocketEvents.RETRY_SCHEDULED);
            host.await("chat", WebsocketEvents.CONNECT_FAILED);

            long repaired = System.nanoTime();
            peer.startAgain();
            reconnectsAndEchoes();

            assertEquals(2, chat.named(WebsocketEvents.CONNECTED).size(), chat.describe());
            chat.assertTextsOfConnection(0, BEFORE);
            chat.assertTextsOfConnection(1, AFTER);
            chat.assertNotConnectedWhileDown(fault, repaired);
            assertHealthy(chat);
        }
    }

    /**
     * Starts the peer and a host whose client is connected and got the echo of everything in
     * BEFORE.
     */
    private Timeline connectedAndEchoed(Peer peer, String config) throws Exception {
        peer.start();
        startHost(config);
        Timeline chat = client("chat", peer.uri("/"));
        host.await("chat", WebsocketEvents.CONNECTED);
        sendAndAwaitEcho("chat", BEFORE);
        return chat;
    }

    private void reconnectsAndEchoes() throws Exception {
        host.await("chat", WebsocketEvents.CONNECTED);
        sendAndAwaitEcho("chat", AFTER);
    }
}
