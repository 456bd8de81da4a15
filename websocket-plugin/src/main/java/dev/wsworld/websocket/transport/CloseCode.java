package dev.wsworld.websocket.transport;

/**
 * The close codes this plugin sends or reports (RFC 6455 7.4.1), in one table. Codes a server sends
 * are reported as they are, whether listed here or not.
 */
public enum CloseCode {
    /** A requested close: the Disconnect node, a new URL, a destination that became blocked. */
    NORMAL(1000),
    /** The component goes away: removed, its world closed, the plugin or the host stops. */
    GOING_AWAY(1001),
    /** Reported, never sent: the connection ended without a closing handshake. */
    ABNORMAL(1006),
    /** Sent for a text message that is not valid UTF-8. */
    INVALID_PAYLOAD(1007),
    /** Sent when the inbound queue overflows with {@code inboundOverflow: close}. */
    POLICY_VIOLATION(1008),
    /** Sent for a message over {@code maxMessageSize}. */
    MESSAGE_TOO_BIG(1009);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }
}
