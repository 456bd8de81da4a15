package dev.wsworld.api.websocketclient;

import java.net.URI;

/**
 * The WebsocketClient's nodes (the ProtoFlux/LogiX side): the behaviour attached to a {@code
 * WebsocketClient} component implements this, so a host drives it without depending on the plugin's
 * classes. Call on the update thread. Results arrive as component events named in {@link
 * WebsocketEvents}.
 */
public interface WebsocketClientNodes {
    /** Component type name. */
    String TYPE = "WebsocketClient";

    /**
     * Connect: (re)connects. {@code url} {@code null} or empty keeps the current URL; {@code
     * handlingUserId} {@code null} or empty keeps the current HandlingUser choice (resolved by the
     * documented priority when unset).
     *
     * @param url the new URL, or null to keep the current one
     * @param handlingUserId the user to handle the connection, or null to keep the current choice
     * @throws IllegalStateException off the update thread, or when the component is detached
     */
    void connect(URI url, String handlingUserId);

    /**
     * Disconnect: closes with 1000 and stays disconnected until Connect or a field change.
     *
     * @throws IllegalStateException off the update thread, or when the component is detached
     */
    void disconnect();

    /**
     * Text sender. Emits {@code sendStart} at once, then {@code sent} or {@code sendError} with the
     * same id.
     *
     * @param text the message
     * @return the id of this send, carried by its events
     * @throws IllegalStateException off the update thread, or when the component is detached
     */
    long sendText(String text);

    /**
     * Binary sender; as {@link #sendText}.
     *
     * @param data the message; not kept after the call returns
     * @return the id of this send, carried by its events
     * @throws IllegalStateException off the update thread, or when the component is detached
     */
    long sendBinary(byte[] data);

    /**
     * Request Host Access: asks the handling user ahead of time whether this object may connect to
     * {@code host:port}, at a moment that makes sense to them (a "connect to chat" button). The
     * request goes through every rule a connection does (denylist, private addresses after the name
     * is looked up, allowlist, {@code onlyAllowlisted}, prompt limits, one prompt per user and
     * destination). The outcome is one event: {@code hostAccessGranted}, {@code hostAccessDenied}
     * or {@code hostAccessIgnored}, with {@code user}, {@code host}, {@code port}, {@code scope}
     * (and {@code reason} when not granted). "Always" and "deny" are remembered as for a
     * connection; "allow" grants until the plugin stops. A later Connect to a granted destination
     * connects without asking again.
     *
     * @param host the destination's host
     * @param port the destination's port
     * @param scope which schemes to ask for
     * @throws IllegalStateException off the update thread, or when the component is detached
     */
    void requestHostAccess(String host, int port, HostAccessScope scope);
}
