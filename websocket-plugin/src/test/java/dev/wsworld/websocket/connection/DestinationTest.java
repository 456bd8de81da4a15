package dev.wsworld.websocket.connection;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DestinationTest {
    private static String refused(String url) {
        return assertThrows(Destination.InvalidDestinationException.class, () -> Destination.parse(URI.create(url)))
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
    void otherSchemesUserInfoFragmentsAndMissingHostsAreRefused() {
        assertTrue(refused("http://example.org/").contains("scheme 'http' is not allowed"));
        assertTrue(refused("file:///etc/passwd").contains("scheme 'file'"));
        assertTrue(refused("ws://user:secret@example.org/").contains("user info"));
        assertTrue(refused("ws://example.org/#frag").contains("fragment"));
        assertTrue(refused("ws:///path").contains("has no host"));
        assertTrue(refused("/relative").contains("not an absolute"));
        assertTrue(assertThrows(Destination.InvalidDestinationException.class, () -> Destination.parse(null))
                .getMessage().contains("empty"));
    }
}
