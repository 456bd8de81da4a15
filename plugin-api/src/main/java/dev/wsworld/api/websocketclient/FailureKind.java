package dev.wsworld.api.websocketclient;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of failure a {@code connectFailed}, {@code sendError} or {@code error} event reports:
 * the event's {@code kind} attribute, and the start of {@code LastError} ({@code tls: the
 * certificate of chat.test expired …}). A world branches on the kind; the {@code error} words are
 * for people and may change.
 */
public enum FailureKind {
    /** A rule refused the destination (denylist, a special address, not on the allowlist). */
    BLOCKED("blocked"),
    /** The URL cannot be used as written (not ws/wss, no host, a port out of range). */
    INVALID_URL("invalidUrl"),
    /**
     * The {@code Headers} field cannot be sent as written (a line that is not a header, a name the
     * protocol owns, a line break or NUL in a value, too many or too large); nothing is tried.
     */
    INVALID_HEADERS("invalidHeaders"),
    /**
     * A header the world wrote was not sent: the host sends its own credential of that name to the
     * destination. The connection goes ahead; reported as an {@code error} event.
     */
    HEADER_DROPPED("headerDropped"),
    /** The host name could not be looked up. */
    DNS("dns"),
    /** No TCP connection: refused, unreachable, reset. */
    TCP("tcp"),
    /** TLS failed: an untrusted or expired certificate, other names, no common protocol. */
    TLS("tls"),
    /** The configured proxy refused or could not be reached. */
    PROXY("proxy"),
    /**
     * The server did not accept the WebSocket upgrade, or its answer was not one the client can
     * accept (a status other than 101, a bad extension answer).
     */
    HANDSHAKE("handshake"),
    /** Connecting (TCP, TLS and upgrade together) took longer than {@code connectTimeout}. */
    TIMEOUT("timeout"),
    /** Too many attempts or prompts for the user in the last minute. */
    RATE_LIMITED("rateLimited"),
    /** A cap on open connections was reached ({@code connectionsPerUser}, {@code PerWorld}). */
    LIMIT("limit"),
    /** The handling user refused, dismissed the prompt, or nobody could be asked. */
    CONSENT("consent"),
    /** A send was refused: the component is not connected. */
    NOT_CONNECTED("notConnected"),
    /** A send was refused: the outbound queue is full (by count or by bytes). */
    QUEUE_FULL("queueFull"),
    /** A send was still in flight when the connection closed. */
    CLOSED("closed"),
    /** The inbound queue overflowed with {@code inboundOverflow: close}. */
    OVERFLOW("overflow"),
    /** Anything else the network reported. */
    OTHER("other");

    private final String eventName;

    FailureKind(String eventName) {
        this.eventName = eventName;
    }

    /**
     * The kind as events and {@code LastError} spell it.
     *
     * @return such as {@code tls} or {@code rateLimited}
     */
    public String eventName() {
        return eventName;
    }

    /**
     * The kind an event names.
     *
     * @param eventName such as {@code tls}
     * @return the kind, or empty for a name that is none
     */
    public static Optional<FailureKind> byEventName(String eventName) {
        return Arrays.stream(values()).filter(kind -> kind.eventName.equals(eventName)).findFirst();
    }
}
