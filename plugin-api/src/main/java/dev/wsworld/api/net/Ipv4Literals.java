package dev.wsworld.api.net;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IPv4 addresses written the way C's {@code inet_aton} reads them: one to four parts, each decimal,
 * octal (leading 0) or hex (0x). {@code 0x7f.1}, {@code 2130706433} and {@code 0177.0.0.1} are all
 * 127.0.0.1 to the system resolver, so they are turned into the dotted quad before any check.
 */
public final class Ipv4Literals {
    private static final Pattern NUMERIC =
            Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?");

    private Ipv4Literals() {}

    /**
     * The canonical dotted quad for a numeric host, empty for a host name.
     *
     * @param host a host, in any of the numeric spellings resolvers take ({@code 127.1}, {@code
     *     0x7f.1} …)
     * @return the dotted quad, or empty when the host is a name
     * @throws IllegalArgumentException for a numeric spelling that is no valid address
     */
    public static Optional<String> canonical(String host) {
        String text = host.toLowerCase(Locale.ROOT);
        if (!NUMERIC.matcher(text).matches()) {
            return Optional.empty();
        }
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        String[] parts = text.split("\\.", -1);
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = part(parts[i], host);
        }
        long address;
        int last = parts.length - 1;
        long lastLimit =
                switch (parts.length) {
                    case 1 -> 0xFFFF_FFFFL;
                    case 2 -> 0xFF_FFFFL;
                    case 3 -> 0xFFFFL;
                    default -> 0xFFL;
                };
        for (int i = 0; i < last; i++) {
            if (values[i] > 0xFF) {
                throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address");
            }
        }
        if (values[last] > lastLimit) {
            throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address");
        }
        address = values[last];
        for (int i = 0; i < last; i++) {
            address |= values[i] << (24 - 8 * i);
        }
        return Optional.of(
                ((address >> 24) & 0xFF)
                        + "."
                        + ((address >> 16) & 0xFF)
                        + "."
                        + ((address >> 8) & 0xFF)
                        + "."
                        + (address & 0xFF));
    }

    private static long part(String part, String host) {
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address");
        }
    }
}
