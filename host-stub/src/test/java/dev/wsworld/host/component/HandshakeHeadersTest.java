package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.RawPeer;
import dev.wsworld.host.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Headers field against servers that record what they received: a raw socket that sees every
 * byte, and Jetty's server.
 */
class HandshakeHeadersTest {
    @TempDir Path dir;

    private TestServer server;
    private HostFixture host;

    @BeforeEach
    void startServer() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (host != null) {
            host.close();
        }
        server.close();
    }

    private static Map<String, Object> fields(URI url, String headers) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("URL", url);
        fields.put("HandlingUser", "alice");
        fields.put("ConnectRetryInterval", 30f);
        fields.put("Headers", headers);
        return fields;
    }

    /** The lines of {@code request} that are {@code lines}, in the order they came. */
    private static List<String> among(List<String> request, List<String> lines) {
        return request.stream().filter(lines::contains).toList();
    }

    private static long named(List<String> request, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return request.stream()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .count();
    }

    @Test
    void headersArriveOnTheWireExactlyAsWrittenInTheirOrder() throws Exception {
        List<String> written =
                List.of(
                        "x-lower-case: as written",
                        "X-Api-Key: k3y",
                        "Origin: https://world.example",
                        "Cookie: a=1; b=2",
                        "User-Agent: my-world/1.0",
                        "X-Twice: first",
                        "X-Twice: second");
        host = HostFixture.in(dir).start();
        try (RawPeer raw = new RawPeer()) {
            host.addClient("c", fields(raw.uri("/h"), "\n" + String.join("\n", written) + "\n\n"));
            raw.accept((int) HostFixture.WAIT_MILLIS);
            host.await("c", "connected");
            List<String> request = raw.requestLines();
            assertEquals(written, among(request, written), String.join("\n", request));
            assertEquals(1, named(request, "User-Agent"), "the world's replaces the client's own");
            assertEquals(1, named(request, "Cookie"), String.join("\n", request));
        }
    }

    @Test
    void theLargestHeadersAWorldAndTheHostMayAddArriveWhole() throws Exception {
        // 32 world headers in 8 KiB of text, and a host credential of 8 KiB
        StringBuilder world = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 32; i++) {
            String line = String.format(Locale.ROOT, "X-World-%02d: ", i);
            line += "w".repeat(8192 / 32 - line.length() - 1);
            lines.add(line);
            world.append(line).append('\n');
        }
        assertEquals(8192, world.length());
        String hostValue = "h".repeat(8192 - "X-Host: ".length() - 4);
        java.nio.file.Files.createDirectories(dir.resolve("config"));
        java.nio.file.Files.writeString(dir.resolve("config/big.txt"), hostValue);
        try (RawPeer raw = new RawPeer()) {
            host =
                    HostFixture.in(dir)
                            .config(
                                    "credentials:\n  - destination: \"ws://127.0.0.1:"
                                            + raw.port()
                                            + "\"\n    headers: { X-Host: \"${file:big.txt}\" }\n")
                            .start();
            host.addClient("c", fields(raw.uri("/h"), world.toString()));
            raw.accept((int) HostFixture.WAIT_MILLIS);
            host.await("c", "connected");
            List<String> request = raw.requestLines();
            assertEquals(lines, among(request, lines));
            assertTrue(request.contains("X-Host: " + hostValue), "the host's credential too");
        }
    }

    @Test
    void eachRefusedFormIsBlockedNamingItsLineAndNothingReachesTheServer() throws Exception {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("X-Key: s3cret\r", "Headers line 1 (X-Key): the value has a carriage return");
        refused.put(
                "Origin: https://a.example\nX-Key: s3\0cret",
                "Headers line 2 (X-Key): the value has a NUL");
        refused.put("X Key: s3cret", "Headers line 1: the name has a space");
        refused.put("Bearer s3cret", "Headers line 1 is not 'Name: value'");
        refused.put("X-A: 1\n  folded: s3cret", "Headers line 2: the name has a space");
        refused.put("Host: evil.example", "Headers line 1: Host is written by the connection");
        refused.put("Connection: close", "Headers line 1: Connection is written by the connection");
        refused.put("Upgrade: h2c", "Headers line 1: Upgrade is written by the connection");
        refused.put("Content-Length: 5", "Headers line 1: Content-Length is written by the");
        refused.put("Transfer-Encoding: chunked", "Headers line 1: Transfer-Encoding is written");
        refused.put(
                "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==",
                "Headers line 1: Sec-WebSocket-Key is written");
        refused.put(
                "Sec-WebSocket-Protocol: chat", "offer subprotocols with the Subprotocols field");
        refused.put(
                "Proxy-Authorization: Basic s3cret",
                "Headers line 1: Proxy-Authorization is for a proxy");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            many.append("X-").append(i).append(": s3cret\n");
        }
        refused.put(many.toString(), "Headers has 33 headers; at most 32");
        refused.put("X-Big: " + "s3cret".repeat(1400), "Headers is 8407 bytes; at most 8192");

        host = HostFixture.in(dir).start();
        int n = 0;
        for (Map.Entry<String, String> form : refused.entrySet()) {
            String slot = "bad" + n++;
            host.addClient(slot, fields(server.uri("/echo"), form.getKey()));
            HostEvent failed = host.await(slot, "connectFailed");
            assertEquals("invalidHeaders", failed.get("kind"), slot);
            String error = failed.get("error").toString();
            assertTrue(error.startsWith("Headers ") && error.contains(form.getValue()), error);
            assertFalse(error.contains("s3cret"), "a value shown: " + error);
            assertEquals("Blocked", host.field(slot, "State"));
            assertEquals("invalidHeaders: " + error, host.field(slot, "LastError"));
        }
        // every refusal is settled before anything was tried: the first upgrade the server ever
        // sees is the one made once a form is put right
        host.set("bad0", "Headers", "X-Key: now fine");
        host.await("bad0", "connected");
        assertEquals(1, server.upgrades("/echo"), "only the corrected one reached the server");
        assertTrue(server.requestHeaders.poll().contains("X-Key: now fine"));
    }

    @Test
    void changingTheHeadersReconnectsWithTheNewOnes() throws Exception {
        host = HostFixture.in(dir).start();
        host.addClient("c", fields(server.uri("/echo"), "X-Version: 1"));
        host.await("c", "connected");
        host.set("c", "Headers", "X-Version: 2");
        host.await("c", "disconnected");
        host.await("c", "connected");
        assertTrue(server.requestHeaders.poll(5, TimeUnit.SECONDS).contains("X-Version: 1"));
        assertTrue(server.requestHeaders.poll(5, TimeUnit.SECONDS).contains("X-Version: 2"));
    }

    @Test
    void aCookieOneServerSetsIsNeverSentOnAnotherConnection() throws Exception {
        host = HostFixture.in(dir).start();
        host.addClient("first", fields(server.uri("/set-cookie"), ""));
        host.await("first", "connected");
        host.addClient("second", fields(server.uri("/echo"), "Cookie: mine=1"));
        host.await("second", "connected");
        host.addClient("third", fields(server.uri("/echo"), ""));
        host.await("third", "connected");
        server.requestHeaders.poll();
        List<String> second = server.requestHeaders.poll();
        List<String> third = server.requestHeaders.poll();
        assertEquals(
                List.of("Cookie: mine=1"),
                second.stream().filter(h -> h.startsWith("Cookie")).toList(),
                "only the world's own cookie: " + second);
        assertEquals(0, named(third, "Cookie"), "the server's cookie stayed with its answer");
    }
}
