package dev.wsworld.websocket.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.websocket.policy.Destination;
import dev.wsworld.websocket.policy.DestinationPattern;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which host credential an upgrade carries, and how it meets the world's own headers. */
class HostCredentialsTest {
    private static final Header API_TOKEN = new Header("Authorization", "Bearer api-s3cret");
    private static final Header WILD_KEY = new Header("X-Api-Key", "wild-s3cret");

    private final HostCredentials credentials =
            new HostCredentials(
                    List.of(
                            new Credential(
                                    DestinationPattern.parse("wss://api.example.com"),
                                    List.of(API_TOKEN)),
                            new Credential(
                                    DestinationPattern.parse("wss://*.example.com:*"),
                                    List.of(WILD_KEY))));

    private static Destination at(String url) throws Exception {
        return Destination.parse(URI.create(url));
    }

    @Test
    void theFirstEntryMatchingTheDestinationAppliesAndNoneToAnyOther() throws Exception {
        assertEquals(List.of(API_TOKEN), credentials.forDestination(at("wss://api.example.com/")));
        assertEquals(
                List.of(API_TOKEN),
                credentials.forDestination(at("wss://API.example.com.:443/x?y")),
                "matched in the canonical form, as the policy matches");
        assertEquals(
                List.of(WILD_KEY),
                credentials.forDestination(at("wss://api.example.com:8443/")),
                "another port is another destination");
        assertEquals(List.of(WILD_KEY), credentials.forDestination(at("wss://eu.example.com/")));
        for (String other :
                List.of(
                        "ws://api.example.com/",
                        "wss://example.com/",
                        "wss://api.example.com.evil.test/",
                        "wss://evilexample.com/")) {
            assertEquals(List.of(), credentials.forDestination(at(other)), other);
        }
    }

    @Test
    void aWorldsHeaderNamedLikeTheHostsIsDroppedAndTheRestIsSentFirst() throws Exception {
        HostCredentials.Handshake handshake =
                credentials.handshake(
                        at("wss://api.example.com/"),
                        List.of(
                                new Header("AUTHORIZATION", "Bearer world"),
                                new Header("Origin", "https://world.example"),
                                new Header("authorization", "Bearer again")));
        assertEquals(
                List.of(new Header("Origin", "https://world.example"), API_TOKEN),
                handshake.headers());
        assertEquals(List.of("AUTHORIZATION"), handshake.dropped());

        List<Header> world = List.of(new Header("Authorization", "Bearer world"));
        HostCredentials.Handshake elsewhere = credentials.handshake(at("wss://other.test/"), world);
        assertEquals(world, elsewhere.headers(), "no credential: the world's own go as written");
        assertEquals(List.of(), elsewhere.dropped());
    }

    @Test
    void neitherToStringNorStatsShowAValue() {
        String shown = credentials + " " + credentials.describe();
        assertFalse(shown.contains("s3cret"), shown);
        assertTrue(shown.contains("wss://api.example.com") && shown.contains("Authorization"));
        assertEquals(
                List.of("wss://api.example.com: Authorization", "wss://*.example.com:*: X-Api-Key"),
                credentials.describe());
    }
}
