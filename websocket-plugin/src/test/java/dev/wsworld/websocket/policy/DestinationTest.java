package dev.wsworld.websocket.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationTest {
    private static String refused(String url) {
        return assertThrows(
                        Destination.InvalidDestinationException.class,
                        () -> Destination.parse(URI.create(url)))
                .getMessage();
    }

    @Test
    void wsAndWssWithDefaultPorts() throws Exception {
        Destination ws = Destination.parse(URI.create("WS://Example.ORG/chat?room=1"));
        assertEquals("ws", ws.scheme());
        assertEquals("example.org", ws.host());
        assertEquals(80, ws.port());
        assertEquals(URI.create("ws://example.org/chat?room=1"), ws.uri());
        Destination wss = Destination.parse(URI.create("wss://example.org"));
        assertEquals(443, wss.port());
        assertEquals("/", wss.uri().getPath());
        Destination v6 = Destination.parse(URI.create("ws://[::1]:9000/x"));
        assertEquals("::1", v6.host());
        assertEquals(9000, v6.port());
    }

    @Test
    void pathAndQueryAreSentExactlyAsWritten() throws Exception {
        for (String url :
                List.of(
                        "ws://h:9/room%20one/a%2Fb?x=a%26b%3Dc",
                        "ws://h:9/p%23q?x=%23&y=a+b",
                        "ws://h:9/%252F?q=%25",
                        "ws://h:9/a/./b/../c?",
                        "ws://h:9")) {
            String expected = url.equals("ws://h:9") ? "ws://h:9/" : url;
            assertEquals(expected, Destination.parse(URI.create(url)).uri().toString(), url);
        }
        // non-ASCII is percent-encoded as UTF-8 (RFC 3986), escapes the world wrote stay as they
        // are
        assertEquals(
                "ws://h:9/caf%C3%A9/%E2%82%AC?q=%F0%9F%98%80&r=%2F",
                Destination.parse(new URI("ws://h:9/café/€?q=😀&r=%2F")).uri().toASCIIString());
        assertEquals(
                "/room%20one/a%2Fb",
                Destination.parse(URI.create("ws://h/room%20one/a%2Fb")).uri().getRawPath());
    }

    @Test
    void theHostIsCanonicalAndBoundedBeforeAnythingElseSeesIt() throws Exception {
        assertEquals("localhost", Destination.parse(URI.create("ws://LOCALHOST.:9/")).host());
        assertEquals(
                "ws://localhost:9/",
                Destination.parse(URI.create("ws://LOCALHOST.:9/")).uri().toString());
        assertEquals(
                "127.0.0.1", Destination.parse(URI.create("ws://[::ffff:127.0.0.1]:9/")).host());
        assertEquals(
                URI.create("ws://[2001:db8::1]:9/"),
                Destination.parse(URI.create("ws://[2001:DB8:0::1]:9/")).uri());
        assertEquals(
                "xn--bcher-kva.example", Destination.parse(new URI("ws://bücher.example/")).host());
        assertTrue(refused("ws://" + "a".repeat(300) + "/").contains("at most 253"));
        assertTrue(refused("ws://" + "a".repeat(64) + ".example/").contains("label of 64"));
        assertTrue(
                refused("ws://h/" + "p".repeat(Destination.MAX_URL_LENGTH))
                        .contains("at most 8192"));
    }

    @Test
    void otherSchemesUserInfoFragmentsAndMissingHostsAreRefused() {
        assertTrue(refused("http://example.org/").contains("scheme 'http' is not allowed"));
        assertTrue(refused("file:///etc/passwd").contains("scheme 'file'"));
        assertTrue(refused("ws://user:secret@example.org/").contains("user info"));
        assertTrue(refused("ws://example.org/#frag").contains("fragment"));
        assertTrue(refused("ws:///path").contains("has no host"));
        assertTrue(refused("/relative").contains("not an absolute"));
        assertTrue(
                assertThrows(
                                Destination.InvalidDestinationException.class,
                                () -> Destination.parse(null))
                        .getMessage()
                        .contains("empty"));
    }
}
