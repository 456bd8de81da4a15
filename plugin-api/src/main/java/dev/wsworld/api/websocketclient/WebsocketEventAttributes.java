package dev.wsworld.api.websocketclient;

/**
 * Names of the attributes WebsocketClient events carry, as in {@code
 * event.data().get(WebsocketEventAttributes.DATA)}. Which event carries which is listed on {@link
 * WebsocketEvents}. Values are plain: text, numbers, booleans or null.
 */
public final class WebsocketEventAttributes {
    /** Text received ({@code text}). */
    public static final String DATA = "data";

    /** Binary received, as lower-case hex ({@code binary}). */
    public static final String HEX = "hex";

    /** Size in bytes ({@code binary}, {@code sendStart}). */
    public static final String LENGTH = "length";

    /** The negotiated subprotocol, empty when none ({@code connected}). */
    public static final String SUBPROTOCOL = "subprotocol";

    /** Whether permessage-deflate was negotiated ({@code connected}). */
    public static final String COMPRESSED = "compressed";

    /**
     * A user id ({@code connected}, {@code consentRequested}, {@code denied}, host access, {@code
     * userResolved}).
     */
    public static final String USER = "user";

    /** The close code ({@code disconnected}). */
    public static final String CODE = "code";

    /**
     * Why ({@code disconnected}, {@code consentRequested}, {@code denied}, {@code
     * hostAccessDenied}, {@code hostAccessIgnored}).
     */
    public static final String REASON = "reason";

    /** The closing handshake completed ({@code disconnected}). */
    public static final String CLEAN = "clean";

    /** What went wrong ({@code connectFailed}, {@code sendError}, {@code error}). */
    public static final String ERROR = "error";

    /** {@code ws} or {@code wss} ({@code consentRequested}, {@code consentWithdrawn}). */
    public static final String SCHEME = "scheme";

    /** The destination's host, canonical ({@code consentRequested}, host access). */
    public static final String HOST = "host";

    /** The destination's port ({@code consentRequested}, host access). */
    public static final String PORT = "port";

    /** {@code ws}, {@code wss} or {@code both} (host access). */
    public static final String SCOPE = "scope";

    /** The role that chose the handling user, or null ({@code userResolved}). */
    public static final String ROLE = "role";

    /** Milliseconds until the retry ({@code retryScheduled}). */
    public static final String DELAY_MS = "delayMs";

    /** The send's number ({@code sendStart}, {@code sent}, {@code sendError}). */
    public static final String ID = "id";

    /** {@code text} or {@code binary} ({@code sendStart}). */
    public static final String KIND = "kind";

    private WebsocketEventAttributes() {}
}
