package dev.wsworld.websocket.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Addresses a world must not make a user's machine connect to: loopback, private networks,
 * link-local (cloud metadata included), carrier-grade NAT, unspecified, multicast, reserved and
 * documentation ranges, and IPv6 forms that embed such an IPv4 address.
 */
public final class SpecialAddresses {
    @SuppressWarnings("ArrayRecordComponent") // constants of a table, never compared
    private record Range(byte[] prefix, int bits, String what) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Range> V4 =
            List.of(
                    range("0.0.0.0", 8, "unspecified (0.0.0.0/8)"),
                    range("10.0.0.0", 8, "private (10.0.0.0/8)"),
                    range("100.64.0.0", 10, "carrier-grade NAT (100.64.0.0/10)"),
                    range("127.0.0.0", 8, "loopback (127.0.0.0/8)"),
                    range("169.254.0.0", 16, "link-local (169.254.0.0/16, cloud metadata)"),
                    range("172.16.0.0", 12, "private (172.16.0.0/12)"),
                    range("192.0.0.0", 24, "IETF protocol assignments (192.0.0.0/24)"),
                    range("192.0.2.0", 24, "documentation (192.0.2.0/24)"),
                    range("192.168.0.0", 16, "private (192.168.0.0/16)"),
                    range("198.18.0.0", 15, "benchmarking (198.18.0.0/15)"),
                    range("198.51.100.0", 24, "documentation (198.51.100.0/24)"),
                    range("203.0.113.0", 24, "documentation (203.0.113.0/24)"),
                    range("224.0.0.0", 4, "multicast (224.0.0.0/4)"),
                    range("240.0.0.0", 4, "reserved (240.0.0.0/4)"));

    private static final List<Range> V6 =
            List.of(
                    range("::", 128, "unspecified (::)"),
                    range("::1", 128, "loopback (::1)"),
                    range("100::", 64, "discard (100::/64)"),
                    range("2001::", 32, "Teredo tunnel (2001::/32)"),
                    range("2001:db8::", 32, "documentation (2001:db8::/32)"),
                    range("fc00::", 7, "unique local (fc00::/7)"),
                    range("fe80::", 10, "link-local (fe80::/10)"),
                    range("fec0::", 10, "site-local (fec0::/10)"),
                    range("ff00::", 8, "multicast (ff00::/8)"));

    private static final Range V4_MAPPED = range("::ffff:0:0", 96, "IPv4-mapped");
    private static final Range V4_COMPATIBLE = range("::", 96, "IPv4-compatible");
    private static final Range NAT64 = range("64:ff9b::", 96, "NAT64");
    private static final Range SIX_TO_FOUR = range("2002::", 16, "6to4");

    private SpecialAddresses() {}

    /** Why the address is not a public one, or empty when it is. */
    public static Optional<String> classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return find(V4, bytes);
        }
        if (address instanceof Inet6Address) {
            for (Range embedding : List.of(V4_MAPPED, NAT64)) {
                if (embedding.contains(bytes)) {
                    return classifyEmbedded(bytes, 12, embedding.what());
                }
            }
            Optional<String> special = find(V6, bytes);
            if (special.isPresent()) {
                return special;
            }
            if (V4_COMPATIBLE.contains(bytes)) {
                return classifyEmbedded(bytes, 12, V4_COMPATIBLE.what());
            }
            if (SIX_TO_FOUR.contains(bytes)) {
                return classifyEmbedded(bytes, 2, SIX_TO_FOUR.what());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> classifyEmbedded(byte[] bytes, int offset, String how) {
        byte[] v4 = {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]};
        return find(V4, v4).map(what -> what + " inside an " + how + " IPv6 address");
    }

    private static Optional<String> find(List<Range> ranges, byte[] bytes) {
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return Optional.of(range.what());
            }
        }
        return Optional.empty();
    }

    private static Range range(String address, int bits, String what) {
        try {
            return new Range(InetAddress.getByName(address).getAddress(), bits, what);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
