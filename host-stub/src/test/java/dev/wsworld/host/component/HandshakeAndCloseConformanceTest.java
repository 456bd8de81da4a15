package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.RawPeer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The opening and closing handshakes against a raw-socket server that answers exactly as told
 * (Autobahn's sections 10 and 7, in part). Each case cites the RFC 6455 rule it checks. What the
 * world hears is checked, and for closes what the client put on the wire.
 */
class HandshakeAndCloseConformanceTest {
    private static final String CONFIG = "network:\n  blockPrivateAddresses: false\n";
    private static final int WAIT = (int) HostFixture.WAIT_MILLIS;

    @TempDir Path dir;

    /** Runs {@code server} on a thread of its own while the host connects. */
    private static CompletableFuture<Void> serve(RawPeer peer, ServerScript server) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        server.run(peer);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @FunctionalInterface
    private interface ServerScript {
        void run(RawPeer peer) throws Exception;
    }

    private static Map<String, Object> client(RawPeer peer) {
        return Map.of("URL", peer.uri("/"), "HandlingUser", "alice", "ConnectRetryInterval", 30f);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // case | the server's answer, \n for CRLF | what the world is told
                "10.2.1 4.1(2): no Upgrade header | HTTP/1.1 101 Switching Protocols\\n"
                        + "Connection: Upgrade\\n"
                        + "Sec-WebSocket-Accept: {accept} | has no Upgrade header",
                "10.2.2 4.1(2): Upgrade to another protocol | HTTP/1.1 101 Switching Protocols\\n"
                        + "Upgrade: h2c\\n"
                        + "Connection: Upgrade\\n"
                        + "Sec-WebSocket-Accept: {accept} | upgrades to 'h2c', not websocket",
                "10.2.3 4.1(3): no Connection: Upgrade | HTTP/1.1 101 Switching Protocols\\n"
                        + "Upgrade: websocket\\n"
                        + "Sec-WebSocket-Accept: {accept} | Connection: Upgrade",
                "10.2.4 4.1(4): wrong Sec-WebSocket-Accept | HTTP/1.1 101 Switching Protocols\\n"
                        + "Upgrade: websocket\\n"
                        + "Connection: Upgrade\\n"
                        + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA= | ",
                "10.2.5 4.1(1): a status other than 101 | HTTP/1.1 200 OK\\nContent-Length: 0 | ",
                "10.2.6 4.1(6): a subprotocol that was not offered | HTTP/1.1 101 Switching"
                        + " Protocols\\n"
                        + "Upgrade: websocket\\n"
                        + "Connection: Upgrade\\n"
                        + "Sec-WebSocket-Accept: {accept}\\n"
                        + "Sec-WebSocket-Protocol: chat | ",
                "10.2.7 4.1(5): an extension that was not offered | HTTP/1.1 101 Switching"
                        + " Protocols\\n"
                        + "Upgrade: websocket\\n"
                        + "Connection: Upgrade\\n"
                        + "Sec-WebSocket-Accept: {accept}\\n"
                        + "Sec-WebSocket-Extensions: permessage-deflate | "
            })
    void anAnswerThatIsNotAWebSocketUpgradeFailsTheConnectionAndTheWorldIsNeverToldItConnected(
            String rule, String answer, String reason) throws Exception {
        try (RawPeer peer = new RawPeer();
                HostFixture host = HostFixture.in(dir).config(CONFIG).start()) {
            CompletableFuture<Void> server =
                    serve(peer, p -> p.answer(WAIT, answer.replace("\\n", "\r\n") + "\r\n\r\n"));
            host.addClient("c", client(peer));
            HostEvent failed = host.await("c", "connectFailed");
            if (reason != null) {
                assertTrue(
                        failed.get("error").toString().contains(reason.trim()),
                        rule + ": " + failed.toJson());
            }
            host.await("c", "retryScheduled");
            assertTrue(
                    host.names("c", 0).stream().noneMatch(name -> name.equals("connected")),
                    rule + ": " + host.names("c", 0));
            assertEquals(false, host.field("c", "IsConnected"));
            server.get(WAIT, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void anUpgradeAnswerSpelledDifferentlyButRightIsAccepted() throws Exception {
        // 4.1(2) and (3): header values are case-insensitive, and Connection is a token list
        try (RawPeer peer = new RawPeer();
                HostFixture host = HostFixture.in(dir).config(CONFIG).start()) {
            CompletableFuture<Void> server =
                    serve(
                            peer,
                            p ->
                                    p.answer(
                                            WAIT,
                                            "HTTP/1.1 101 Switching Protocols\r\n"
                                                    + "Upgrade: WebSocket\r\n"
                                                    + "Connection: keep-alive, Upgrade\r\n"
                                                    + "Sec-WebSocket-Accept: {accept}\r\n\r\n"));
            host.addClient("c", client(peer));
            host.await("c", "connected");
            server.get(WAIT, TimeUnit.MILLISECONDS);
        }
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    @Test
    void aServerClosingWith1011AfterAProperHandshakeClosedCleanly() throws Exception {
        // 7.1.4 and 7.4.1: clean means the closing handshake completed, whatever the code
        try (RawPeer peer = new RawPeer();
                HostFixture host = HostFixture.in(dir).config(CONFIG).start()) {
            CompletableFuture<RawPeer.Frame> server =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    peer.accept(WAIT);
                                    peer.send(
                                            RawPeer.CLOSE, closePayload(1011, "internal trouble"));
                                    return peer.read(); // the client's answer
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            host.addClient("c", client(peer));
            HostEvent closed = host.await("c", "disconnected");
            assertEquals(1011, ((Number) closed.get("code")).intValue(), closed.toJson());
            assertEquals("internal trouble", closed.get("reason"));
            assertEquals(true, closed.get("clean"), closed.toJson());
            RawPeer.Frame answer = server.get(WAIT, TimeUnit.MILLISECONDS);
            assertEquals(
                    RawPeer.CLOSE,
                    answer.opcode(),
                    "the client answers a close with a close (5.5.1)");
            assertTrue(answer.masked(), "client frames are masked (5.3)");
        }
    }

    @Test
    void aCloseFrameWithoutACodeIs1005AndClean() throws Exception {
        // 7.1.5: no status code in the close frame is reported as 1005; the handshake still
        // completed
        try (RawPeer peer = new RawPeer();
                HostFixture host = HostFixture.in(dir).config(CONFIG).start()) {
            CompletableFuture<Void> server =
                    serve(
                            peer,
                            p -> {
                                p.accept(WAIT);
                                p.send(RawPeer.CLOSE, new byte[0]);
                                p.read();
                            });
            host.addClient("c", client(peer));
            HostEvent closed = host.await("c", "disconnected");
            assertEquals(1005, ((Number) closed.get("code")).intValue(), closed.toJson());
            assertEquals(true, closed.get("clean"), closed.toJson());
            server.get(WAIT, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void aConnectionDroppedWithoutACloseFrameIs1006AndNotClean() throws Exception {
        // 7.1.5: 1006 is for a connection closed without a close frame
        try (RawPeer peer = new RawPeer();
                HostFixture host = HostFixture.in(dir).config(CONFIG).start()) {
            CompletableFuture<Void> server =
                    serve(
                            peer,
                            p -> {
                                p.accept(WAIT);
                                p.sendText("last words");
                                p.close();
                            });
            host.addClient("c", client(peer));
            assertEquals("last words", host.await("c", "text").get("data"));
            HostEvent closed = host.await("c", "disconnected");
            assertEquals(1006, ((Number) closed.get("code")).intValue(), closed.toJson());
            assertEquals(false, closed.get("clean"), closed.toJson());
            server.get(WAIT, TimeUnit.MILLISECONDS);
        }
    }
}
