package dev.wsworld.websocket.connection;

import java.net.URI;
import java.util.Locale;

/**
 * A checked WebSocket destination: ws or wss, a host, a port, no user info, no fragment.
 *
 * @param uri    the URI to connect to, normalised (lower-case scheme and host)
 * @param scheme {@code ws} or {@code wss}
 * @param host   lower-case host name or address literal (IPv6 without brackets)
 * @param port   explicit port or the scheme's default
 */
public record Destination(URI uri, String scheme, String host, int port) {

    /**
     * Checks a URL a world asked for.
     *
     * @throws InvalidDestinationException with the reason the URL cannot be used
     */
    public static Destination parse(URI url) throws InvalidDestinationException {
        if (url == null || url.toString().isBlank()) {
            throw new InvalidDestinationException("URL is empty");
        }
        if (!url.isAbsolute() || url.isOpaque()) {
            throw new InvalidDestinationException("URL '" + url + "' is not an absolute ws:// or wss:// URL");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new InvalidDestinationException("scheme '" + url.getScheme()
                    + "' is not allowed; only ws:// and wss:// are");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidDestinationException("URL must not carry user info (user:password@)");
        }
        String host = url.getHost();
        int explicitPort = url.getPort();
        if (host == null && url.getRawAuthority() != null) {
            // java.net.URI gives no host for numeric spellings like 0x7f.1; read them as the system would
            String authority = url.getRawAuthority();
            int colon = authority.lastIndexOf(':');
            String hostPart = colon < 0 ? authority : authority.substring(0, colon);
            try {
                if (Ipv4Literals.canonical(hostPart).isPresent()) {
                    host = hostPart;
                    explicitPort = colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidDestinationException("host " + e.getMessage());
            }
        }
        if (host == null || host.isEmpty()) {
            throw new InvalidDestinationException("URL '" + url + "' has no host"
                    + (url.getRawAuthority() != null ? " (or the host '" + url.getRawAuthority() + "' is malformed)" : ""));
        }
        if (url.getRawFragment() != null) {
            throw new InvalidDestinationException("WebSocket URLs must not have a fragment (#" + url.getRawFragment() + ")");
        }
        int port = explicitPort;
        if (port == -1) {
            port = scheme.equals("wss") ? 443 : 80;
        } else if (port < 1 || port > 65535) {
            throw new InvalidDestinationException("port " + port + " is out of range");
        }
        host = host.toLowerCase(Locale.ROOT);
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            // 0x7f.1, 2130706433 and 0177.0.0.1 are 127.0.0.1 to the system resolver: check what it would see
            java.util.Optional<String> dotted = Ipv4Literals.canonical(bareHost);
            if (dotted.isPresent()) {
                host = dotted.get();
                bareHost = host;
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException("host " + e.getMessage());
        }
        try {
            URI normalised = new URI(scheme, null, host, explicitPort, url.getRawPath() == null || url.getRawPath().isEmpty()
                    ? "/" : url.getPath(), url.getQuery(), null);
            // keep the world's own URI object when normalising changed nothing: one less copy per component
            return new Destination(normalised.equals(url) ? url : normalised, scheme, bareHost, port);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidDestinationException("URL '" + url + "' is malformed: " + e.getMessage());
        }
    }

    /** A URL whose destination cannot be used at all; never retried until the URL changes. */
    public static final class InvalidDestinationException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidDestinationException(String reason) {
            super(reason);
        }
    }
}
