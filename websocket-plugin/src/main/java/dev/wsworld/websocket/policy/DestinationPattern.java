package dev.wsworld.websocket.policy;

import dev.wsworld.api.net.CanonicalHost;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An allowlist or denylist entry: {@code scheme://host[:port]}. The host is a name, an address, or
 * {@code *.domain} (any name below domain); the port is a number, {@code *} for any, or left out
 * for the scheme's default port.
 */
public final class DestinationPattern {
    private static final Pattern FORM =
            Pattern.compile(
                    "(ws|wss)://(\\*\\.[^:/\\[\\]]+|\\[[0-9a-fA-F:.]+]|[^:/\\[\\]*]+)(?::(\\*|\\d{1,5}))?/?");

    private final String text;
    private final String scheme;
    private final String host;
    private final boolean wildcard;

    /** -1 for any port. */
    private final int port;

    private DestinationPattern(
            String text, String scheme, String host, boolean wildcard, int port) {
        this.text = text;
        this.scheme = scheme;
        this.host = host;
        this.wildcard = wildcard;
        this.port = port;
    }

    /**
     * Reads an allowlist, denylist, credential or bypass entry.
     *
     * @throws IllegalArgumentException saying what is wrong with the entry
     */
    public static DestinationPattern parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a destination pattern; write ws:// or wss:// then "
                            + "a host, *.domain or address, and optionally :port or :* (no path)");
        }
        String scheme = m.group(1);
        String rawHost = m.group(2).toLowerCase(Locale.ROOT);
        boolean wildcard = rawHost.startsWith("*.");
        String host = canonical(wildcard ? rawHost.substring(2) : rawHost, text);
        int port;
        if (m.group(3) == null) {
            port = Destination.defaultPort(scheme);
        } else if (m.group(3).equals("*")) {
            port = -1;
        } else {
            port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(
                        "'" + text + "': port " + port + " is out of range");
            }
        }
        return new DestinationPattern(text.trim(), scheme, host, wildcard, port);
    }

    /** Entries are compared in the one canonical spelling destinations get too. */
    private static String canonical(String host, String context) {
        try {
            return CanonicalHost.of(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + context + "': " + e.getMessage());
        }
    }

    public boolean matches(Destination destination) {
        return matches(destination.scheme(), destination.host(), destination.port());
    }

    /**
     * Whether this pattern names the destination.
     *
     * @param host canonical, as {@link Destination#host()}
     */
    public boolean matches(String scheme, String host, int port) {
        return this.scheme.equals(scheme) && portMatches(port) && hostMatches(host);
    }

    /**
     * An entry naming exactly this host (or address) and port, whatever the scheme: it lifts the
     * private-address block.
     */
    public boolean namesExactly(String host, int port) {
        return !wildcard && portMatches(port) && this.host.equals(host);
    }

    /**
     * An entry naming exactly this address, for this scheme and port: refuses a name that resolves
     * to it.
     */
    public boolean namesAddress(String scheme, String address, int port) {
        return !wildcard
                && (scheme == null || this.scheme.equals(scheme))
                && portMatches(port)
                && host.equals(address);
    }

    private boolean portMatches(int candidate) {
        return port == -1 || port == candidate;
    }

    private boolean hostMatches(String candidate) {
        return wildcard ? candidate.endsWith("." + host) : candidate.equals(host);
    }

    @Override
    public String toString() {
        return text;
    }
}
