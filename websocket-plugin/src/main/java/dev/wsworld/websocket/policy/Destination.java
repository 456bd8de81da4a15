package dev.wsworld.websocket.policy;

import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.api.world.FieldType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A checked WebSocket destination: ws or wss, a host, a port, no user info, no fragment.
 *
 * @param uri the URI to connect to: lower-case scheme, the canonical host, and the path and query
 *     exactly as the world wrote them (non-ASCII percent-encoded as UTF-8)
 * @param scheme {@code ws} or {@code wss}
 * @param host the host in its one canonical form ({@link CanonicalHost}; IPv6 without brackets)
 * @param port explicit port or the scheme's default
 */
public record Destination(URI uri, String scheme, String host, int port) {
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    /** The longest URL a world may use, in characters. */
    public static final int MAX_URL_LENGTH = 8192;

    /**
     * Checks a URL a world asked for.
     *
     * @throws InvalidDestinationException with the reason the URL cannot be used
     */
    public static Destination parse(URI url) throws InvalidDestinationException {
        if (url == null || url.toString().isBlank()) {
            throw new InvalidDestinationException("URL is empty");
        }
        String written = url.toString();
        if (written.length() > MAX_URL_LENGTH) {
            throw new InvalidDestinationException(
                    "URL is "
                            + written.length()
                            + " characters long; at most "
                            + MAX_URL_LENGTH
                            + " are allowed");
        }
        if (!url.isAbsolute() || url.isOpaque()) {
            throw new InvalidDestinationException(
                    "URL '"
                            + FieldType.withoutUserInfo(url)
                            + "' is not an absolute ws:// or wss:// URL");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new InvalidDestinationException(
                    "scheme '" + url.getScheme() + "' is not allowed; only ws:// and wss:// are");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidDestinationException("URL must not carry user info (user:password@)");
        }
        if (url.getRawFragment() != null) {
            throw new InvalidDestinationException(
                    "WebSocket URLs must not have a fragment (#" + url.getRawFragment() + ")");
        }
        String authority = url.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new InvalidDestinationException(
                    "URL '" + FieldType.withoutUserInfo(url) + "' has no host");
        }
        // URI has no host for spellings the system still reads (0x7f.1, IDN names): split the
        // authority itself
        String rawHost = url.getHost();
        int explicitPort = url.getPort();
        if (rawHost == null) {
            int close = authority.lastIndexOf(']');
            int colon = authority.lastIndexOf(':');
            boolean hasPort = colon > close;
            rawHost = hasPort ? authority.substring(0, colon) : authority;
            try {
                explicitPort = hasPort ? Integer.parseInt(authority.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                throw new InvalidDestinationException(
                        "port '" + authority.substring(colon + 1) + "' is not a number");
            }
        }
        String host;
        try {
            host = CanonicalHost.of(rawHost);
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException("host " + e.getMessage());
        }
        int port = explicitPort;
        if (port == -1) {
            port = defaultPort(scheme);
        } else if (port < 1 || port > 65535) {
            throw new InvalidDestinationException("port " + port + " is out of range");
        }
        String path =
                url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery();
        StringBuilder text =
                new StringBuilder(written.length() + 8)
                        .append(scheme)
                        .append("://")
                        .append(CanonicalHost.forUri(host));
        if (explicitPort != -1) {
            text.append(':').append(explicitPort);
        }
        text.append(asWritten(path));
        if (query != null) {
            text.append('?').append(asWritten(query));
        }
        try {
            URI exact = new URI(text.toString());
            // keep the world's own URI object when nothing changed: one less copy per component
            return new Destination(
                    exact.toString().equals(written) ? url : exact, scheme, host, port);
        } catch (URISyntaxException e) {
            throw new InvalidDestinationException(
                    "URL '" + url + "' is malformed: " + e.getMessage());
        }
    }

    /**
     * A path or query exactly as written: escapes stay escapes (a {@code %2F} is not a {@code /}, a
     * {@code %26} not a {@code &}), and only non-ASCII characters are percent-encoded, as UTF-8
     * (RFC 3986). URI has already refused spaces and control characters.
     */
    private static String asWritten(String raw) {
        if (raw.chars().allMatch(c -> c < 0x80)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.append((char) cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(UPPER_HEX.toHexDigits(b));
                }
            }
        }
        return out.toString();
    }

    /** A URL whose destination cannot be used at all; never retried until the URL changes. */
    public static final class InvalidDestinationException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidDestinationException(String reason) {
            super(reason);
        }
    }

    /** The port a ws or wss URL without one means. */
    public static int defaultPort(String scheme) {
        return scheme.equals("wss") ? 443 : 80;
    }
}
