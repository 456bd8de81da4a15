package dev.wsworld.websocket.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DestinationPolicyTest {
    private static final DestinationPolicy STRICT =
            new DestinationPolicy(List.of(), List.of(), false, true);

    private static PolicyDecision check(DestinationPolicy policy, String url) throws Exception {
        return policy.check(Destination.parse(URI.create(url)));
    }

    private static List<DestinationPattern> patterns(String... entries) {
        return Arrays.stream(entries).map(DestinationPattern::parse).toList();
    }

    @Test
    void everySpecialRangeIsBlockedWhenWrittenAsAnAddress() throws Exception {
        for (String url :
                List.of(
                        "ws://127.0.0.1/",
                        "ws://127.8.9.10:9000/",
                        "ws://10.1.2.3/",
                        "ws://172.16.0.1/",
                        "ws://172.31.255.255/",
                        "ws://192.168.1.1/",
                        "ws://169.254.169.254/latest/meta-data",
                        "ws://100.64.0.1/",
                        "ws://0.0.0.0/",
                        "ws://224.0.0.1/",
                        "ws://255.255.255.255/",
                        "ws://[::1]/",
                        "ws://[::]/",
                        "ws://[::ffff:127.0.0.1]/",
                        "ws://[::ffff:10.0.0.1]/",
                        "ws://[fc00::1]/",
                        "ws://[fd12:3456::1]/",
                        "ws://[fe80::1]/",
                        "ws://[ff02::1]/",
                        "ws://[64:ff9b::7f00:1]/",
                        "ws://[2002:7f00:1::]/",
                        "ws://[::127.0.0.1]/",
                        "ws://0x7f.1/",
                        "ws://2130706433/",
                        "ws://0177.0.0.1/",
                        "ws://127.1/",
                        "ws://0x7f000001/",
                        "wss://0/")) {
            PolicyDecision decision = check(STRICT, url);
            assertEquals(PolicyDecision.Verdict.BLOCKED, decision.verdict(), url);
            assertTrue(
                    decision.reason().contains("network.blockPrivateAddresses"),
                    url + ": " + decision.reason());
        }
    }

    @Test
    void everySpellingOfADestinationMeetsTheSameListEntry() throws Exception {
        List<String> loopback4 =
                List.of(
                        "ws://127.0.0.1:9/",
                        "ws://[::ffff:127.0.0.1]:9/",
                        "ws://0x7f.1:9/",
                        "ws://2130706433:9/",
                        "ws://127.0.0.1.:9/",
                        "ws://[::127.0.0.1]:9/");
        List<String> loopback6 =
                List.of("ws://[::1]:9/", "ws://[0:0:0:0:0:0:0:1]:9/", "ws://[0000::0001]:9/");
        List<String> names =
                List.of("ws://Example.ORG.:9/", "ws://example.org:9/", "ws://EXAMPLE.org:9/");
        for (String deny : List.of("ws://127.0.0.1:*", "ws://[::ffff:7f00:1]:9", "ws://0x7f.1:9")) {
            DestinationPolicy policy =
                    new DestinationPolicy(List.of(), patterns(deny), false, false);
            for (String url : loopback4) {
                assertEquals(
                        PolicyDecision.Verdict.BLOCKED,
                        check(policy, url).verdict(),
                        deny + " vs " + url);
            }
        }
        for (String deny : List.of("ws://[0:0:0:0:0:0:0:1]:*", "ws://[::1]:9")) {
            DestinationPolicy policy =
                    new DestinationPolicy(List.of(), patterns(deny), false, false);
            for (String url : loopback6) {
                assertEquals(
                        PolicyDecision.Verdict.BLOCKED,
                        check(policy, url).verdict(),
                        deny + " vs " + url);
            }
        }
        DestinationPolicy deniedName =
                new DestinationPolicy(List.of(), patterns("ws://example.org.:9"), false, false);
        DestinationPolicy allowedName =
                new DestinationPolicy(patterns("ws://EXAMPLE.ORG:9"), List.of(), false, false);
        for (String url : names) {
            assertEquals(PolicyDecision.Verdict.BLOCKED, check(deniedName, url).verdict(), url);
            assertEquals(
                    PolicyDecision.Verdict.PRE_GRANTED, check(allowedName, url).verdict(), url);
        }
        DestinationPolicy allowed6 =
                new DestinationPolicy(patterns("ws://[0:0::1]:9"), List.of(), false, true);
        for (String url : loopback6) {
            assertEquals(PolicyDecision.Verdict.PRE_GRANTED, check(allowed6, url).verdict(), url);
        }
    }

    @Test
    void aDenylistedAddressRefusesEveryNameThatResolvesToIt() throws Exception {
        DestinationPolicy policy =
                new DestinationPolicy(
                        List.of(), patterns("ws://[::ffff:93.184.216.34]:*"), false, false);
        InetAddress address = InetAddress.getByName("93.184.216.34");
        Optional<String> refusal =
                policy.checkResolved("ws", "innocent.test", 80, List.of(address));
        assertEquals(
                Optional.of(
                        "denylist entry 'ws://[::ffff:93.184.216.34]:*': innocent.test"
                                + " resolves to 93.184.216.34"),
                refusal);
        assertEquals(
                Optional.empty(),
                policy.checkResolved("wss", "innocent.test", 443, List.of(address)),
                "a ws entry leaves wss alone");
        assertTrue(
                policy.checkResolved(null, "innocent.test", 443, List.of(address)).isPresent(),
                "with the scheme unknown, an entry for either scheme refuses");
    }

    @Test
    void publicAddressesAndNamesGoToTheUser() throws Exception {
        for (String url :
                List.of(
                        "ws://93.184.216.34/",
                        "wss://example.org/",
                        "ws://[2606:4700::1111]/",
                        "ws://[::ffff:93.184.216.34]/",
                        "ws://[2002:5db8:d822::]/",
                        "ws://172.32.0.1/",
                        "ws://100.128.0.1/")) {
            assertEquals(PolicyDecision.Verdict.ASK, check(STRICT, url).verdict(), url);
        }
    }

    @Test
    void oddIpv4SpellingsAreReadTheWayTheSystemResolverReadsThem() throws Exception {
        assertEquals("127.0.0.1", Destination.parse(URI.create("ws://0x7f.1/")).host());
        assertEquals("127.0.0.1", Destination.parse(URI.create("ws://2130706433/")).host());
        assertEquals("127.0.0.1", Destination.parse(URI.create("ws://0177.0.0.01/")).host());
        assertEquals("10.0.1.2", Destination.parse(URI.create("ws://10.258/")).host());
        assertEquals(
                URI.create("ws://127.0.0.1:9/x"),
                Destination.parse(URI.create("ws://0x7f.1:9/x")).uri());
        assertTrue(
                assertThrows(
                                Destination.InvalidDestinationException.class,
                                () -> Destination.parse(URI.create("ws://1.2.3.256/")))
                        .getMessage()
                        .contains("not a valid IPv4 address"));
        assertTrue(
                assertThrows(
                                Destination.InvalidDestinationException.class,
                                () -> Destination.parse(URI.create("ws://0x1ffffffff/")))
                        .getMessage()
                        .contains("not a valid IPv4 address"));
        assertTrue(
                assertThrows(
                                Destination.InvalidDestinationException.class,
                                () -> Destination.parse(URI.create("ws://09.1.1.1/")))
                        .getMessage()
                        .contains("not a valid IPv4 address"));
    }

    @Test
    void namesAreCheckedAfterResolutionEveryAddressOfThem() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress open = InetAddress.getByName("93.184.216.34");
        Optional<String> refusal =
                STRICT.checkResolved("ws", "evil.test", 80, List.of(open, loopback));
        assertTrue(refusal.isPresent());
        assertEquals(
                "evil.test resolves to 127.0.0.1, loopback (127.0.0.0/8)"
                    + " (network.blockPrivateAddresses; an allowlist entry naming this host lifts"
                    + " it)",
                refusal.get());
        assertEquals(Optional.empty(), STRICT.checkResolved("ws", "fine.test", 80, List.of(open)));
        assertEquals(
                Optional.empty(),
                DestinationPolicy.permissive()
                        .checkResolved("ws", "evil.test", 80, List.of(loopback)));
    }

    @Test
    void onlyAnEntryNamingTheHostExactlyLiftsThePrivateBlock() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        DestinationPolicy wildcard =
                new DestinationPolicy(patterns("ws://*.test:*"), List.of(), false, true);
        assertTrue(
                wildcard.checkResolved("ws", "evil.test", 80, List.of(loopback)).isPresent(),
                "a wildcard must not lift it");
        DestinationPolicy named =
                new DestinationPolicy(patterns("ws://chat.test:9000"), List.of(), false, true);
        assertEquals(
                Optional.empty(), named.checkResolved("ws", "chat.test", 9000, List.of(loopback)));
        assertTrue(
                named.checkResolved("ws", "chat.test", 9001, List.of(loopback)).isPresent(),
                "only the named port");
        DestinationPolicy address =
                new DestinationPolicy(patterns("ws://127.0.0.1:*"), List.of(), false, true);
        assertEquals(
                PolicyDecision.Verdict.PRE_GRANTED,
                check(address, "ws://127.0.0.1:4000/").verdict());
        assertEquals(
                PolicyDecision.Verdict.PRE_GRANTED, check(address, "ws://0x7f.1:4000/").verdict());
        assertEquals(
                PolicyDecision.Verdict.BLOCKED, check(address, "ws://127.0.0.2:4000/").verdict());
    }

    @Test
    void theDenylistComesFirstThenTheAllowlistThenOnlyAllowlisted() throws Exception {
        DestinationPolicy policy =
                new DestinationPolicy(
                        patterns("wss://*.example.org", "ws://chat.example.org:*"),
                        patterns("wss://bad.example.org"),
                        true,
                        true);
        assertEquals(
                "denylist entry 'wss://bad.example.org'",
                check(policy, "wss://bad.example.org/").reason());
        assertEquals(
                PolicyDecision.Verdict.PRE_GRANTED,
                check(policy, "wss://good.example.org/").verdict());
        assertEquals(
                PolicyDecision.Verdict.PRE_GRANTED,
                check(policy, "ws://chat.example.org:8080/").verdict());
        assertEquals(
                "not on the allowlist (onlyAllowlisted is on)",
                check(policy, "wss://example.org/").reason(),
                "*.example.org does not cover example.org itself");
        assertEquals(
                "not on the allowlist (onlyAllowlisted is on)",
                check(policy, "wss://good.example.org:8443/").reason(),
                "no port means the default port");
        assertEquals(
                "not on the allowlist (onlyAllowlisted is on)",
                check(policy, "ws://good.example.org/").reason(),
                "a wss entry does not cover ws");
    }

    @Test
    void malformedPatternsSayWhy() {
        for (String bad :
                List.of(
                        "http://example.org",
                        "wss://example.org/path",
                        "wss://*",
                        "wss://a.org:70000",
                        "wss://exa*mple.org",
                        "example.org",
                        "wss://1.2.3.999")) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> DestinationPattern.parse(bad),
                            bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
