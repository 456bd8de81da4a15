package dev.wsworld.host.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.testing.HostFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nobody but the page its token was given to drives the inspector: requests are written by hand on
 * a socket to 127.0.0.1, so every header is exactly what a hostile page or program could send.
 */
class InspectorSecurityTest {
    @TempDir Path dir;

    private HostFixture host;
    private Inspector inspector;
    private String token;

    @BeforeEach
    void start() throws Exception {
        host = HostFixture.in(dir).start();
        inspector = Inspector.start(host.host(), 0);
        token = inspector.address().substring(inspector.address().indexOf("token=") + 6);
    }

    @AfterEach
    void stop() {
        inspector.close();
        host.close();
    }

    /** The status line and headers of the answer to {@code request}. */
    private String ask(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", inspector.port()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.append((char) c);
            }
            return head.toString();
        }
    }

    private String get(String target, String host, String... headers) throws IOException {
        StringBuilder request =
                new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return ask(request.append("Connection: close\r\n\r\n").toString());
    }

    private String own() {
        return "127.0.0.1:" + inspector.port();
    }

    private String upgrade(String origin) throws IOException {
        return get(
                "/socket?token=" + token,
                own(),
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Origin: " + origin);
    }

    @Test
    void listensOnLoopbackOnlyAndPrintsItsAddressWithTheToken() {
        assertTrue(
                inspector.address().matches("http://127\\.0\\.0\\.1:[0-9]+/\\?token=[0-9a-f]{48}"),
                inspector.address());
    }

    @Test
    void theTokenIsNeededOnEveryRequest() throws IOException {
        assertTrue(get("/", own()).startsWith("HTTP/1.1 401"), "no token");
        assertTrue(get("/app.js", own()).startsWith("HTTP/1.1 401"), "no token for a script");
        assertTrue(get("/?token=" + "0".repeat(48), own()).startsWith("HTTP/1.1 403"), "wrong");
        assertTrue(
                get("/app.js", own(), "Cookie: wsworld-inspector-" + inspector.port() + "=nope")
                        .startsWith("HTTP/1.1 403"),
                "a wrong cookie");
        String page = get("/?token=" + token, own());
        assertTrue(page.startsWith("HTTP/1.1 200"), page);
        assertTrue(
                get("/app.js", own(), "Cookie: wsworld-inspector-" + inspector.port() + "=" + token)
                        .startsWith("HTTP/1.1 200"),
                "the page's cookie carries the token to its scripts");
        String upgradeWithout =
                get(
                        "/socket",
                        own(),
                        "Upgrade: websocket",
                        "Connection: Upgrade",
                        "Sec-WebSocket-Version: 13",
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                        "Origin: http://" + own());
        assertTrue(upgradeWithout.startsWith("HTTP/1.1 401"), upgradeWithout);
    }

    @Test
    void theAnswerForbidsInlineScriptFramingAndReferrers() throws IOException {
        String page = get("/?token=" + token, own());
        String policy =
                page.lines()
                        .filter(line -> line.startsWith("Content-Security-Policy: "))
                        .findFirst()
                        .orElseThrow();
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertTrue(policy.contains("default-src 'none'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains("require-trusted-types-for 'script'"), policy);
        assertFalse(policy.contains("unsafe"), policy);
        assertTrue(page.contains("Referrer-Policy: no-referrer"), page);
        assertTrue(page.contains("HttpOnly; SameSite=Strict"), page);
    }

    @Test
    void aForeignHostHeaderIsRefused() throws IOException {
        String rebound = get("/?token=" + token, "attacker.example:" + inspector.port());
        assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
        assertTrue(get("/?token=" + token, "127.0.0.1:1").startsWith("HTTP/1.1 403"));
        assertTrue(
                get("/?token=" + token, "localhost:" + inspector.port())
                        .startsWith("HTTP/1.1 200"));
    }

    @Test
    void anUpgradeFromAForeignOriginIsRefused() throws IOException {
        String foreign = upgrade("http://attacker.example");
        assertTrue(foreign.startsWith("HTTP/1.1 403"), foreign);
        assertTrue(
                upgrade("http://localhost:" + inspector.port()).startsWith("HTTP/1.1 403"),
                "localhost is another origin than the page's 127.0.0.1");
        assertTrue(upgrade("null").startsWith("HTTP/1.1 403"));
        String own = upgrade("http://" + own());
        assertEquals("HTTP/1.1 101 Switching Protocols", own.lines().findFirst().orElseThrow());
    }

    @Test
    void onlyGet() throws IOException {
        String post =
                ask(
                        "POST /?token="
                                + token
                                + " HTTP/1.1\r\nHost: "
                                + own()
                                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(post.startsWith("HTTP/1.1 405"), post);
    }
}
