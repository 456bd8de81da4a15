package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host-held credentials against servers that record what they received: added to the destination
 * they name and to no other, and never overridden by a world.
 */
class CredentialsTest {
    private static final String TOKEN = "h0st-t0ken-7f3a";

    @TempDir Path dir;

    private static Map<String, Object> fields(URI url, String headers) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("URL", url);
        fields.put("HandlingUser", "alice");
        fields.put("ConnectRetryInterval", 30f);
        fields.put("Headers", headers);
        return fields;
    }

    /** The next upgrade's headers that {@code server} recorded. */
    private static List<String> nextRequest(TestServer server) throws InterruptedException {
        List<String> headers =
                server.requestHeaders.poll(HostFixture.WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertTrue(headers != null, "no upgrade reached the server");
        return headers;
    }

    private static List<String> authorization(List<String> headers) {
        return headers.stream()
                .filter(h -> h.regionMatches(true, 0, "Authorization:", 0, 14))
                .toList();
    }

    @Test
    void aCredentialReachesTheDestinationItNamesAndNoOther() throws Exception {
        Files.createDirectories(dir.resolve("config/secrets"));
        Files.writeString(dir.resolve("config/secrets/token"), TOKEN + "\n");
        try (TestServer named = new TestServer();
                TestServer other = new TestServer();
                HostFixture host =
                        HostFixture.in(dir)
                                .config(
                                        "credentials:\n"
                                                + "  - destination: \"ws://127.0.0.1:"
                                                + named.port()
                                                + "\"\n"
                                                + "    headers:\n"
                                                + "      Authorization: \"Bearer"
                                                + " ${file:secrets/token}\"\n")
                                .start()) {
            host.addClient("named", fields(named.uri("/echo"), ""));
            host.await("named", "connected");
            assertEquals(
                    List.of("Authorization: Bearer " + TOKEN), authorization(nextRequest(named)));

            host.addClient("other", fields(other.uri("/echo"), ""));
            host.await("other", "connected");
            assertEquals(List.of(), authorization(nextRequest(other)), "another port");

            // the same server by another name is another destination
            host.addClient(
                    "byName", fields(URI.create("ws://localhost:" + named.port() + "/echo"), ""));
            host.await("byName", "connected");
            assertEquals(List.of(), authorization(nextRequest(named)), "another host name");
        }
    }

    @Test
    void aServerRefusingTheTokenIsReportedWithItsOwnAnswer() throws Exception {
        try (TestServer server = new TestServer();
                HostFixture host = HostFixture.in(dir).start()) {
            host.addClient("c", fields(server.uri("/unauthorized"), "Authorization: Bearer wrong"));
            HostEvent failed = host.await("c", "connectFailed");
            assertEquals("handshake", failed.get("kind"));
            assertTrue(
                    failed.get("error").toString().endsWith("401 Unauthorized"), failed.toJson());
            host.await("c", "retryScheduled");
        }
    }

    @Test
    void aWorldsHeaderOfTheSameNameIsDroppedAndTheWorldHearsWhy() throws Exception {
        try (TestServer server = new TestServer()) {
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(dir.resolve("config/token"), TOKEN);
            try (HostFixture host =
                    HostFixture.in(dir)
                            .config(
                                    "credentials: [ { destination: \"ws://127.0.0.1:"
                                            + server.port()
                                            + "\", headers: { Authorization: \"Bearer"
                                            + " ${file:token}\" } } ]\n")
                            .start()) {
                host.addClient(
                        "c",
                        fields(
                                server.uri("/echo"),
                                "authorization: Bearer from-the-world\nX-World: kept"));
                HostEvent dropped = host.await("c", "error");
                assertEquals("headerDropped", dropped.get("kind"));
                assertEquals(
                        "the Headers field's authorization is not sent: this host sends its own"
                                + " authorization to this destination",
                        dropped.get("error"));
                host.await("c", "connected");
                List<String> received = nextRequest(server);
                assertEquals(List.of("Authorization: Bearer " + TOKEN), authorization(received));
                assertTrue(received.contains("X-World: kept"), received.toString());
                assertFalse(received.toString().contains("from-the-world"), received.toString());
            }
        }
    }
}
