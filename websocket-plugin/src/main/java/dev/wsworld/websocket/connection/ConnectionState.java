package dev.wsworld.websocket.connection;

/** What a WebsocketClient is doing, as shown in its read-only State field. */
public enum ConnectionState {
    /** No URL, or stopped by the Disconnect node. */
    IDLE("Idle"),
    /** Enabled is false. */
    DISABLED("Disabled"),
    /** No handling-user candidate is present; nothing is tried until one is. */
    WAITING_FOR_USER("WaitingForUser"),
    /**
     * The destination's name is being looked up and its addresses checked, before anyone is asked.
     */
    RESOLVING("Resolving"),
    /** The handling user is being asked. */
    AWAITING_CONSENT("AwaitingConsent"),
    CONNECTING("Connecting"),
    CONNECTED("Connected"),
    /** Closing at the world's request. */
    CLOSING("Closing"),
    /** Failed; a retry is scheduled after ConnectRetryInterval. */
    RETRY_WAITING("RetryWaiting"),
    /** The handling user refused or dismissed the prompt; no retry until a relevant change. */
    DENIED("Denied"),
    /** The URL is not allowed or not valid; no retry until a relevant change. */
    BLOCKED("Blocked"),
    /** The plugin stopped; the component is inert data until it starts again. */
    STOPPED("Stopped");

    private final String displayName;

    ConnectionState(String displayName) {
        this.displayName = displayName;
    }

    /** The name shown in the State field. */
    public String displayName() {
        return displayName;
    }

    /** States that wait for a relevant change rather than trying again by themselves. */
    public boolean settled() {
        return this == DENIED
                || this == BLOCKED
                || this == IDLE
                || this == DISABLED
                || this == STOPPED;
    }
}
