package dev.wsworld.api.websocketclient;

/** Names of the events a WebsocketClient emits, and of their attributes. */
public final class WebsocketEvents {
    /** OnConnected: {@code subprotocol} (empty when none), {@code user}. */
    public static final String CONNECTED = "connected";

    /** OnDisconnected: {@code code}, {@code reason}, {@code clean}. */
    public static final String DISCONNECTED = "disconnected";

    /** Text receiver OnReceived: {@code data}. */
    public static final String TEXT = "text";

    /** Binary receiver OnReceived: {@code hex}, {@code length}. */
    public static final String BINARY = "binary";

    /** OnSendStart: {@code id}, {@code kind}, {@code length}. */
    public static final String SEND_START = "sendStart";

    /** OnSent: {@code id}. */
    public static final String SENT = "sent";

    /** OnSendError: {@code id}, {@code error}. */
    public static final String SEND_ERROR = "sendError";

    /**
     * The handling user is being asked: {@code user}, {@code host}, {@code port}, {@code reason}.
     */
    public static final String CONSENT_REQUESTED = "consentRequested";

    /**
     * The pending prompt was taken back before the user answered (the component went away, or its
     * URL, user or Enabled changed, or the plugin stopped): {@code user}, {@code scheme}, {@code
     * host}, {@code port}. A later answer to it grants nothing.
     */
    public static final String CONSENT_WITHDRAWN = "consentWithdrawn";

    /** Request Host Access granted: {@code user}, {@code host}, {@code port}, {@code scope}. */
    public static final String HOST_ACCESS_GRANTED = "hostAccessGranted";

    /**
     * Request Host Access refused by a rule or the user: {@code user}, {@code host}, {@code port},
     * {@code scope}, {@code reason}.
     */
    public static final String HOST_ACCESS_DENIED = "hostAccessDenied";

    /**
     * Request Host Access not answered (dismissed, no prompt, no handling user): as {@link
     * #HOST_ACCESS_DENIED}.
     */
    public static final String HOST_ACCESS_IGNORED = "hostAccessIgnored";

    /** OnDenied: {@code user}, {@code reason} ({@code denied} or {@code ignored}). */
    public static final String DENIED = "denied";

    /** OnConnectFailed: {@code error}. */
    public static final String CONNECT_FAILED = "connectFailed";

    /** A retry is scheduled: {@code delayMs}. */
    public static final String RETRY_SCHEDULED = "retryScheduled";

    /** The effective handling user changed: {@code user} (null when none), {@code role}. */
    public static final String USER_RESOLVED = "userResolved";

    /** Something went wrong that is not a connection outcome: {@code error}. */
    public static final String ERROR = "error";

    private WebsocketEvents() {}
}
