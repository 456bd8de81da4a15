package dev.wsworld.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The scripted server on its own, against the JDK's client: what it does and what it records. */
class ScriptedServerTest {
    private static final long WAIT_SECONDS = Waits.DEFAULT.toSeconds();

    @Test
    void recordsEveryFrameTheClientSentInOrderWithOpcodeMaskPayloadAndCloseCode() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            JdkClient client = new JdkClient();
            WebSocket socket =
                    JdkClient.connect(server.uri("/frames"), client, null, null)
                            .get(WAIT_SECONDS, TimeUnit.SECONDS);
            socket.sendText("hello", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}), true)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            socket.sendPing(ByteBuffer.wrap("p".getBytes(StandardCharsets.UTF_8)))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("pong:p", client.next(), "a ping is answered, as by any server");
            socket.sendClose(4000, "bye").get(WAIT_SECONDS, TimeUnit.SECONDS);

            ServerConnection connection = server.awaitConnection();
            ClientFrame close = connection.awaitCloseFrame();
            List<ClientFrame> frames = connection.frames();
            assertEquals(
                    List.of(
                            new ClientFrame(ClientFrame.TEXT, true, true, bytes("hello")),
                            new ClientFrame(
                                    ClientFrame.BINARY, true, true, new byte[] {0, 1, 2, -1}),
                            new ClientFrame(ClientFrame.PING, true, true, bytes("p")),
                            close),
                    frames);
            assertEquals(4000, close.closeCode().orElseThrow());
            assertEquals("bye", close.closeReason());
            assertEquals("/frames", connection.request().path());
        }
    }

    @Test
    void sendsOnOpenThenInReplyThenClosesWithTheCodeAndReason() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            server.enqueue(
                    Script.accept()
                            .sendText("welcome")
                            .awaitMessage()
                            .sendText("got it")
                            .close(4001, "done"));
            JdkClient client = new JdkClient();
            WebSocket socket =
                    JdkClient.connect(server.uri(), client, null, null)
                            .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("text:welcome", client.next());
            assertTrue(client.received.isEmpty(), "the reply waits for a message");
            socket.sendText("hello", true);
            assertEquals("text:got it", client.next());
            assertEquals("close:4001 done", client.next());
        }
    }

    @Test
    void enqueuedScriptsGoToConnectionsInOrderThenTheDefault() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            server.defaultScript(Script.accept().sendText("default"));
            server.enqueue(Script.accept().sendText("first"));
            server.enqueue(Script.accept().sendText("second"));
            for (String expected : List.of("first", "second", "default", "default")) {
                JdkClient client = new JdkClient();
                JdkClient.connect(server.uri(), client, null, null)
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals("text:" + expected, client.next());
            }
            assertEquals(4, server.connections().size());
        }
    }

    @Test
    void refusesTheUpgradeWithTheHttpStatusAndRecordsTheRequest() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            server.enqueue(Script.refuse(503));
            CompletableFuture<WebSocket> connecting =
                    JdkClient.connect(server.uri("/busy?x=1"), new JdkClient(), null, null);
            ExecutionException failed =
                    assertThrows(
                            ExecutionException.class,
                            () -> connecting.get(WAIT_SECONDS, TimeUnit.SECONDS));
            WebSocketHandshakeException refused =
                    assertInstanceOf(WebSocketHandshakeException.class, failed.getCause());
            assertEquals(503, refused.getResponse().statusCode());
            UpgradeRequest request = server.takeRequest();
            assertEquals("/busy?x=1", request.pathAndQuery());
            assertEquals("websocket", request.header("upgrade").orElseThrow().toLowerCase());
            assertTrue(server.connections().isEmpty());
        }
    }

    @Test
    void holdsTheHandshakeUntilTheTestReleasesIt() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            server.defaultScript(Script.accept().holdHandshake().sendText("late"));
            // held: a client that waits half a second gives up, which it would not if answered
            CompletableFuture<WebSocket> impatient =
                    JdkClient.connect(server.uri(), new JdkClient(), null, Duration.ofMillis(500));
            ExecutionException timedOut =
                    assertThrows(
                            ExecutionException.class,
                            () -> impatient.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(HttpTimeoutException.class, timedOut.getCause());

            JdkClient patient = new JdkClient();
            CompletableFuture<WebSocket> waiting =
                    JdkClient.connect(server.uri(), patient, null, null);
            server.takeRequest();
            server.takeRequest(); // the patient client's request has arrived, and is held
            assertFalse(waiting.isDone());
            server.releaseHandshakes();
            waiting.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("text:late", patient.next());
        }
    }

    @Test
    void echoesAfterItsStepsAndAcceptsTheSubprotocolItWasToldTo() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            server.enqueue(Script.accept().acceptSubprotocol("chat.v2").sendText("hi").echo());
            JdkClient client = new JdkClient();
            WebSocket socket =
                    JdkClient.connect(server.uri(), client, null, null, "chat.v1", "chat.v2")
                            .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("chat.v2", socket.getSubprotocol());
            assertEquals("text:hi", client.next());
            socket.sendText("one", true);
            socket.sendBinary(ByteBuffer.wrap(new byte[] {7}), true);
            assertEquals("text:one", client.next());
            assertEquals("binary:07", client.next());
            ServerConnection connection = server.awaitConnection();
            assertEquals("chat.v2", connection.subprotocol());
            assertEquals(List.of("chat.v1", "chat.v2"), connection.request().subprotocols());
        }
    }

    @Test
    void abortDropsTheConnectionWithoutACloseFrame() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            server.enqueue(Script.accept().sendText("going").abort());
            JdkClient client = new JdkClient();
            JdkClient.connect(server.uri(), client, null, null).get(WAIT_SECONDS, TimeUnit.SECONDS);
            ServerConnection connection = server.awaitConnection();
            connection.awaitEnd();
            // what the client makes of it is the world's test (1006): the JDK's own client may
            // report an InternalError instead, or the text too late
            assertTrue(connection.ended());
        }
    }

    @Test
    void theTestSendsAndClosesThroughTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            JdkClient client = new JdkClient();
            JdkClient.connect(server.uri(), client, null, null).get(WAIT_SECONDS, TimeUnit.SECONDS);
            ServerConnection connection = server.awaitConnection();
            connection.sendText("from the test");
            connection.sendBinary(new byte[] {1, 2});
            connection.close(1001, "going away");
            assertEquals("text:from the test", client.next());
            assertEquals("binary:0102", client.next());
            assertEquals("close:1001 going away", client.next());
        }
    }

    @Test
    void servesWssWithTheKitsCertificate() throws Exception {
        try (ScriptedServer server = ScriptedServer.startSecure()) {
            server.enqueue(Script.accept().echo());
            JdkClient client = new JdkClient();
            WebSocket socket =
                    JdkClient.connect(server.uri("/tls"), client, trustingTheKit(), null)
                            .get(WAIT_SECONDS, TimeUnit.SECONDS);
            socket.sendText("secret", true);
            assertEquals("text:secret", client.next());
            assertTrue(server.uri().toString().startsWith("wss://127.0.0.1:"));
            assertEquals("secret", server.awaitConnection().awaitText());
        }
    }

    private static SSLContext trustingTheKit() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KitCertificates.shared().trustStore())) {
            trusted.load(in, KitCertificates.PASSWORD.toCharArray());
        }
        TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
