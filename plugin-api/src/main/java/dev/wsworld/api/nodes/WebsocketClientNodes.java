package dev.wsworld.api.nodes;

import java.net.URI;

/**
 * The WebsocketClient's nodes (the ProtoFlux/LogiX side): the behaviour attached to a
 * {@code WebsocketClient} component implements this, so a host drives it without depending on the
 * plugin's classes. Call on the update thread. Results arrive as component events named in
 * {@link WebsocketEvents}.
 */
public interface WebsocketClientNodes {
    /** Component type name. */
    String TYPE = "WebsocketClient";

    /**
     * Connect: (re)connects. {@code url} {@code null} or empty keeps the current URL;
     * {@code handlingUserId} {@code null} or empty keeps the current HandlingUser choice (resolved by
     * the documented priority when unset).
     */
    void connect(URI url, String handlingUserId);

    /** Disconnect: closes with 1000 and stays disconnected until Connect or a field change. */
    void disconnect();

    /**
     * Text sender. Emits {@code sendStart} at once, then {@code sent} or {@code sendError} with the
     * same id.
     *
     * @return the id of this send, carried by its events
     */
    long sendText(String text);

    /** Binary sender; as {@link #sendText}. */
    long sendBinary(byte[] data);
}
