package dev.wsworld.api.net;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one spelling of a destination's host. Every host a world writes in a URL, every allowlist and
 * denylist entry and every remembered consent decision is brought to this form before it is
 * compared, so two spellings of one host can never be treated as two destinations:
 *
 * <ul>
 *   <li>names: lower case, one trailing dot dropped, IDN in its ASCII form; at most {@value
 *       #MAX_NAME_LENGTH} characters, labels of 1 to {@value #MAX_LABEL_LENGTH};
 *   <li>IPv4 in any spelling the system resolver accepts ({@code 0x7f.1}, {@code 2130706433},
 *       {@code 0177.0.0.1}) as the dotted quad;
 *   <li>IPv6 in its RFC 5952 form, without brackets; IPv4-mapped ({@code ::ffff:a.b.c.d}) and
 *       IPv4-compatible ({@code ::a.b.c.d}) addresses as the IPv4 address they carry.
 * </ul>
 *
 * Shared by the plugin and hosts (a host's {@code ConsentMemory} can use it for its own look-ups).
 */
public final class CanonicalHost {
    /** The longest host name DNS carries (RFC 1035), without the trailing dot. */
    public static final int MAX_NAME_LENGTH = 253;

    /** The longest label of a name. */
    public static final int MAX_LABEL_LENGTH = 63;

    private CanonicalHost() {}

    /**
     * The canonical form of a host, with or without IPv6 brackets.
     *
     * @param host a host as written in a URL, a config file or a console command
     * @return the one spelling of it, such as {@code 127.0.0.1} for {@code 127.1}
     * @throws IllegalArgumentException saying why the host cannot be used
     */
    public static String of(String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        String bare =
                host.startsWith("[") && host.endsWith("]")
                        ? host.substring(1, host.length() - 1)
                        : host;
        if (bare.indexOf(':') >= 0) {
            return ipv6(bare);
        }
        Optional<String> v4 = Ipv4Literals.canonical(bare);
        if (v4.isPresent()) {
            return v4.get();
        }
        return name(bare);
    }

    /**
     * Whether a canonical host is an address rather than a name.
     *
     * @param canonical a host as {@link #of(String)} gives it
     * @return true for an IPv4 or IPv6 address
     */
    public static boolean isAddress(String canonical) {
        return canonical.indexOf(':') >= 0
                || canonical.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /**
     * The canonical text of an address, as {@link #of} gives for its literal.
     *
     * @param address the address
     * @return its canonical text
     */
    public static String of(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            return ipv6(v6.getAddress());
        }
        return address.getHostAddress();
    }

    /**
     * A host as it goes into a URL: IPv6 in brackets.
     *
     * @param canonical a host as {@link #of(String)} gives it
     * @return the host, bracketed when it is an IPv6 address
     */
    public static String forUri(String canonical) {
        return canonical.indexOf(':') >= 0 ? "[" + canonical + "]" : canonical;
    }

    private static String name(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        checkLength(name);
        checkLabels(name); // IDN conversion would refuse a long label too, but not say so
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid host name");
        }
        if (ascii.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        checkLength(ascii);
        checkLabels(ascii);
        return ascii;
    }

    private static void checkLength(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "host name is "
                            + name.length()
                            + " characters long; at most "
                            + MAX_NAME_LENGTH
                            + " are allowed");
        }
    }

    private static void checkLabels(String name) {
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException(
                        "host name has a label of "
                                + label.length()
                                + " characters; labels have 1 to "
                                + MAX_LABEL_LENGTH);
            }
        }
    }

    private static String ipv6(String text) {
        if (text.indexOf('%') >= 0) {
            throw new IllegalArgumentException("'" + text + "': IPv6 zone ids are not allowed");
        }
        if (!text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(text); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
        }
        return address instanceof Inet4Address
                ? address.getHostAddress()
                : ipv6(address.getAddress());
    }

    /**
     * RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups as
     * "::".
     */
    private static String ipv6(byte[] bytes) {
        if (isIpv4Compatible(bytes)) {
            return (bytes[12] & 0xFF)
                    + "."
                    + (bytes[13] & 0xFF)
                    + "."
                    + (bytes[14] & 0xFF)
                    + "."
                    + (bytes[15] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /**
     * {@code ::a.b.c.d} (deprecated by RFC 4291), but not {@code ::} or {@code ::1}, which are
     * IPv6's own.
     */
    private static boolean isIpv4Compatible(byte[] bytes) {
        for (int i = 0; i < 12; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return !(bytes[12] == 0
                && bytes[13] == 0
                && bytes[14] == 0
                && (bytes[15] == 0 || bytes[15] == 1));
    }
}
