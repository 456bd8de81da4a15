package dev.wsworld.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CanonicalHostTest {
    private static void same(String expected, String... spellings) {
        for (String spelling : spellings) {
            assertEquals(expected, CanonicalHost.of(spelling), spelling);
        }
    }

    private static String refused(String host) {
        return assertThrows(IllegalArgumentException.class, () -> CanonicalHost.of(host))
                .getMessage();
    }

    @Test
    void everySpellingOfAnAddressHasOneForm() {
        same(
                "127.0.0.1",
                "127.0.0.1",
                "127.0.0.1.",
                "0x7f.1",
                "2130706433",
                "0177.0.0.1",
                "127.1",
                "[::ffff:127.0.0.1]",
                "::ffff:7f00:1",
                "[0:0:0:0:0:ffff:7f00:1]",
                "[::127.0.0.1]",
                "[::7f00:1]");
        same(
                "::1",
                "[::1]",
                "[0:0:0:0:0:0:0:1]",
                "0000:0000:0000:0000:0000:0000:0000:0001",
                "[::0:1]");
        same("::", "[::]", "[0:0:0:0:0:0:0:0]");
        same("2001:db8::1", "[2001:DB8:0:0:0:0:0:1]", "2001:0db8::0001");
        // RFC 5952 4.2.2: a single zero group is not shortened; 4.2.3: the longest run, the first
        // on a tie
        same("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1");
        same("2001:0:0:1::1", "2001:0:0:1:0:0:0:1");
        same("2001:db8::1:0:0:1", "2001:db8:0:0:1:0:0:1");
        same("fe80::1", "FE80:0:0:0:0:0:0:1");
        assertEquals(
                "::1",
                CanonicalHost.of(
                        InetAddress.getLoopbackAddress().getHostAddress().equals("127.0.0.1")
                                ? "::1"
                                : InetAddress.getLoopbackAddress().getHostAddress()));
    }

    @Test
    void namesAreLowerCaseWithoutTheTrailingDotAndIdnInAscii() {
        same("example.org", "Example.ORG", "example.org.", "EXAMPLE.org.");
        same("localhost", "LOCALHOST", "localhost.");
        same("xn--bcher-kva.example", "bücher.example", "BÜCHER.example.");
    }

    @Test
    void oversizedAndMalformedHostsAreRefusedBeforeAnyLookUp() {
        assertTrue(refused("a".repeat(254)).contains("254 characters long; at most 253"));
        assertTrue(refused("a".repeat(100_000)).contains("at most 253"));
        assertTrue(refused("a".repeat(64) + ".example").contains("label of 64 characters"));
        assertTrue(refused("a..b").contains("label of 0 characters"));
        assertTrue(refused("[fe80::1%eth0]").contains("zone ids"));
        assertTrue(refused("[::g]").contains("not a valid IPv6 address"));
        assertTrue(refused("ex ample.org").contains("not a valid host name"));
        assertTrue(refused("").contains("empty"));
        assertEquals("a".repeat(63) + ".b", CanonicalHost.of("a".repeat(63) + ".b"));
    }

    @Test
    void hostsGoIntoUrisWithIpv6InBrackets() {
        assertEquals("[::1]", CanonicalHost.forUri("::1"));
        assertEquals("example.org", CanonicalHost.forUri("example.org"));
        assertTrue(CanonicalHost.isAddress("10.0.0.1"));
        assertTrue(CanonicalHost.isAddress("::1"));
        assertTrue(!CanonicalHost.isAddress("example.org"));
    }
}
