package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.RawPeer;
import java.io.EOFException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7692 5 and 7.1: a permessage-deflate answer the client cannot accept fails the connection
 * like any bad upgrade answer: {@code connectFailed} in words that name the parameter, a retry, the
 * world never told it connected, and not one frame sent after the answer.
 */
class DeflateAnswerTest {
    private static final String CONFIG =
            "defaults:\n  compression: on\nnetwork:\n  blockPrivateAddresses: false\n";
    private static final int WAIT = (int) HostFixture.WAIT_MILLIS;
    private static final String INVALID = "the server's permessage-deflate answer is invalid: ";

    @TempDir Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "permessage-deflate; foo | unknown parameter 'foo' (RFC 7692 7.1)",
                "permessage-deflate; server_max_window_bits=7"
                        + " | server_max_window_bits=7 is out of range (8 to 15)",
                "permessage-deflate; server_max_window_bits=16"
                        + " | server_max_window_bits=16 is out of range (8 to 15)",
                "permessage-deflate; server_max_window_bits"
                        + " | server_max_window_bits has no value (8 to 15; RFC 7692 7.1.2)",
                "permessage-deflate; server_no_context_takeover=1"
                        + " | server_no_context_takeover takes no value, but the answer gives it"
                        + " '1' (RFC 7692 7.1.1)",
                "permessage-deflate; client_no_context_takeover=1"
                        + " | client_no_context_takeover takes no value, but the answer gives it"
                        + " '1' (RFC 7692 7.1.1)",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover"
                        + " | server_no_context_takeover is given twice (RFC 7692 7.1)",
                "permessage-deflate; client_max_window_bits"
                        + " | client_max_window_bits has no value (8 to 15; RFC 7692 7.1.2)",
                // Jetty refuses this one itself; the world still hears why in these words
                "permessage-deflate, permessage-deflate"
                        + " | it accepts permessage-deflate twice (RFC 7692 5)",
                // Jetty reads the first line only
                "permessage-deflate\\nSec-WebSocket-Extensions: permessage-deflate"
                        + " | it accepts permessage-deflate twice (RFC 7692 5)",
            })
    void anAnswerTheRfcForbidsFailsTheConnectionInWordsThatNameIt(String answer, String reason)
            throws Exception {
        try (RawPeer peer = new RawPeer();
                HostFixture host = HostFixture.in(dir).config(CONFIG).start()) {
            CompletableFuture<Void> server =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    peer.answer(
                                            WAIT,
                                            "HTTP/1.1 101 Switching Protocols\r\n"
                                                    + "Upgrade: websocket\r\n"
                                                    + "Connection: Upgrade\r\n"
                                                    + "Sec-WebSocket-Accept: {accept}\r\n"
                                                    + "Sec-WebSocket-Extensions: "
                                                    + answer.replace("\\n", "\r\n")
                                                    + "\r\n\r\n");
                                    // the client drops the connection without a frame
                                    assertThrows(EOFException.class, peer::read);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            host.addClient(
                    "c",
                    Map.of(
                            "URL",
                            peer.uri("/"),
                            "HandlingUser",
                            "alice",
                            "ConnectRetryInterval",
                            30f));
            HostEvent failed = host.await("c", "connectFailed");
            assertEquals(INVALID + reason.trim(), failed.get("error"), failed.toJson());
            host.await("c", "retryScheduled");
            assertTrue(
                    host.names("c", 0).stream().noneMatch(name -> name.equals("connected")),
                    host.names("c", 0).toString());
            assertEquals(false, host.field("c", "IsConnected"));
            server.get(WAIT, TimeUnit.MILLISECONDS);
        }
    }
}
