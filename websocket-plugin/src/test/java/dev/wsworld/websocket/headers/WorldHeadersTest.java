package dev.wsworld.websocket.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Headers field as a world writes it: what is sent, and every form refused before anything is
 * tried, with the line and the reason and never the value.
 */
class WorldHeadersTest {
    /** Stands in a value; no refusal may show it. */
    private static final String SECRET = "s3cr3t-t0ken";

    private static String refusal(String text) {
        String message =
                assertThrows(WorldHeaders.RefusedException.class, () -> WorldHeaders.parse(text))
                        .getMessage();
        assertFalse(message.contains(SECRET), "a refusal showed the value: " + message);
        return message;
    }

    @Test
    void linesBecomeHeadersAsWrittenInOrderWithTheirNamesCase() throws Exception {
        assertEquals(
                List.of(
                        new Header("authorization", "Bearer " + SECRET),
                        new Header("X-Trace", "a: b"),
                        new Header("X-Trace", ""),
                        new Header("Origin", "https://world.example"),
                        new Header("Cookie", "a=1; b=2")),
                WorldHeaders.parse(
                        "authorization: Bearer "
                                + SECRET
                                + "\n\n  \nX-Trace:a: b \t\nX-Trace:\nOrigin: https://world.example"
                                + "\nCookie: a=1; b=2\n"));
        assertEquals(List.of(), WorldHeaders.parse(""));
        assertEquals(List.of(), WorldHeaders.parse(null));
    }

    @Test
    void aValueWithACarriageReturnOrANulIsRefusedNamingItsLine() {
        assertEquals(
                "Headers line 2 (X-Key): the value has a carriage return (CR)",
                refusal("Origin: https://a.example\nX-Key: " + SECRET + "\r\nX-Other: 1"));
        assertEquals(
                "Headers line 1 (X-Key): the value has a NUL character",
                refusal("X-Key: " + SECRET + "\0"));
        assertEquals(
                "Headers line 1 (X-Key): the value has U+0007; a header value is visible ASCII,"
                        + " spaces and tabs",
                refusal("X-Key: " + SECRET + "\u0007"));
        assertEquals(
                "Headers line 1 (X-Key): the value has U+00E9; a header value is visible ASCII,"
                        + " spaces and tabs",
                refusal("X-Key: caf\u00e9 " + SECRET));
    }

    @Test
    void aLineThatIsNoHeaderOrANameThatIsNoTokenIsRefused() {
        assertEquals(
                "Headers line 3 is not 'Name: value' (it has no ':')",
                refusal("A: 1\n\nBearer " + SECRET));
        assertEquals(
                "Headers line 1: the name has a space, which a header name cannot have (letters,"
                        + " digits and !#$%&'*+-.^_`|~ only)",
                refusal("X Key: " + SECRET));
        assertEquals(
                "Headers line 1: the name has a space, which a header name cannot have (letters,"
                        + " digits and !#$%&'*+-.^_`|~ only)",
                refusal("X-Key : " + SECRET));
        assertEquals(
                "Headers line 2: the name has a space, which a header name cannot have (letters,"
                        + " digits and !#$%&'*+-.^_`|~ only)",
                refusal("X-Key: a\n  folded " + SECRET + ": b"));
        assertEquals(
                "Headers line 1: the name has '(', which a header name cannot have (letters,"
                        + " digits and !#$%&'*+-.^_`|~ only)",
                refusal("X(Key): " + SECRET));
        assertEquals("Headers line 1: there is no name before the ':'", refusal(": " + SECRET));
    }

    @Test
    void namesTheProtocolOwnsAreRefusedInAnyCase() {
        for (String name :
                List.of(
                        "Host",
                        "connection",
                        "UPGRADE",
                        "Content-Length",
                        "Transfer-Encoding",
                        "Keep-Alive",
                        "TE",
                        "Trailer",
                        "Sec-WebSocket-Key",
                        "sec-websocket-version",
                        "Sec-WebSocket-Accept")) {
            assertEquals(
                    "Headers line 1: "
                            + name
                            + " is written by the connection itself and cannot"
                            + " be set",
                    refusal(name + ": " + SECRET),
                    name);
        }
        assertEquals(
                "Headers line 1: Sec-WebSocket-Protocol is written by the connection itself and"
                        + " cannot be set; offer subprotocols with the Subprotocols field",
                refusal("Sec-WebSocket-Protocol: chat"));
        assertEquals(
                "Headers line 1: Sec-WebSocket-Extensions is written by the connection itself and"
                        + " cannot be set; permessage-deflate is the Compression field",
                refusal("Sec-WebSocket-Extensions: permessage-deflate"));
        for (String name : List.of("Proxy-Authorization", "proxy-connection", "Proxy-Whatever")) {
            assertEquals(
                    "Headers line 1: "
                            + name
                            + " is for a proxy, and the proxy is the host's (network.proxy)",
                    refusal(name + ": " + SECRET));
        }
    }

    @Test
    void moreThan32HeadersOrMoreThan8KiBAreRefused() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 32; i++) {
            many.append("X-H").append(i).append(": ").append(i).append('\n');
        }
        assertEquals(32, WorldHeaders.parse(many.toString()).size());
        assertEquals(
                "Headers has 33 headers; at most 32", refusal(many + "X-H33: " + SECRET + "\n"));

        String atTheLimit = "X-Big: " + "v".repeat(8192 - "X-Big: ".length());
        assertEquals(1, WorldHeaders.parse(atTheLimit).size());
        assertEquals(
                "Headers is 8193 bytes; at most 8192 (8 KiB)",
                refusal(atTheLimit.substring(1) + SECRET.substring(0, 2)));
    }
}
