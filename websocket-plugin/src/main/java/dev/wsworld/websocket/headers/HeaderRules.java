package dev.wsworld.websocket.headers;

import dev.wsworld.common.net.HeaderLines;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a header sent in an upgrade request may be, for the world's {@code Headers} field and the
 * host's credentials alike: the one place that decides it. Each check answers why not, in words
 * that never hold the value.
 */
public final class HeaderRules {
    /** Headers one source (the field, or one credential) may add. */
    public static final int MAX_HEADERS = 32;

    /** Bytes one source may add: the field's text, or a credential's headers as sent. */
    public static final int MAX_BYTES = 8 * 1024;

    /**
     * Names the connection itself writes (RFC 9110 7.6.1's connection-specific ones included): a
     * second one would contradict it, or smuggle a request.
     */
    private static final Set<String> OWNED =
            Set.of(
                    "host",
                    "connection",
                    "upgrade",
                    "content-length",
                    "transfer-encoding",
                    "keep-alive",
                    "te",
                    "trailer");

    /** The WebSocket handshake's own ({@code Sec-WebSocket-Key}, {@code -Version}, ...). */
    private static final String WEBSOCKET_PREFIX = "sec-websocket-";

    private HeaderRules() {}

    /** Why {@code name} cannot be sent, or empty when it can. */
    public static Optional<String> nameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("there is no name before the ':'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!HeaderLines.isTokenChar(c)) {
                return Optional.of(
                        "the name has "
                                + describe(c)
                                + ", which a header name cannot have (letters, digits and"
                                + " !#$%&'*+-.^_`|~ only)");
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("sec-websocket-protocol")) {
            return Optional.of(owned(name) + "; offer subprotocols with the Subprotocols field");
        }
        if (lower.equals("sec-websocket-extensions")) {
            return Optional.of(owned(name) + "; permessage-deflate is the Compression field");
        }
        if (lower.startsWith("proxy-")) {
            return Optional.of(
                    name + " is for a proxy, and the proxy is the host's (network.proxy)");
        }
        if (OWNED.contains(lower) || lower.startsWith(WEBSOCKET_PREFIX)) {
            return Optional.of(owned(name));
        }
        return Optional.empty();
    }

    /**
     * Why {@code value} cannot be sent, or empty when it can: visible ASCII, spaces and tabs only,
     * so every server reads the bytes that were written. CR, LF and NUL would end the header early
     * (RFC 9110 5.5), which is how requests are smuggled.
     */
    public static Optional<String> valueProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r') {
                return Optional.of("the value has a carriage return (CR)");
            }
            if (c == '\n') {
                return Optional.of("the value has a line feed (LF)");
            }
            if (c == 0) {
                return Optional.of("the value has a NUL character");
            }
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return Optional.of(
                        "the value has "
                                + describe(c)
                                + "; a header value is visible ASCII, spaces and tabs");
            }
        }
        return Optional.empty();
    }

    /** Why {@code count} headers from one source are too many, or empty when they are not. */
    public static Optional<String> countProblem(int count) {
        return count > MAX_HEADERS
                ? Optional.of(count + " headers; at most " + MAX_HEADERS)
                : Optional.empty();
    }

    /** Why {@code bytes} of headers from one source are too large, or empty when they are not. */
    public static Optional<String> bytesProblem(int bytes) {
        return bytes > MAX_BYTES
                ? Optional.of(bytes + " bytes; at most " + MAX_BYTES + " (8 KiB)")
                : Optional.empty();
    }

    /** The bytes {@code headers} take in the request: name, {@code ": "}, value and CR LF each. */
    public static int wireBytes(List<Header> headers) {
        return headers.stream().mapToInt(h -> h.name().length() + h.value().length() + 4).sum();
    }

    private static String owned(String name) {
        return name + " is written by the connection itself and cannot be set";
    }

    /** A character named without showing more of the text around it. */
    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (c == '\t') {
            return "a tab";
        }
        if (c > 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
