package dev.wsworld.websocket.transport.jetty;

/**
 * What the client offers when compression is on (RFC 7692 7.1). The plugin offers {@code
 * client_max_window_bits} (it can keep to any window the server names, see {@link MessageDeflater})
 * and asks for nothing else: context takeover both ways is the RFC's default and compresses best,
 * and the server's window is the server's business (the inflater reads any).
 *
 * @param clientMaxWindowBits offer {@code client_max_window_bits}, without a value: the server may
 *     then name the window the client compresses with
 */
record DeflateOffer(boolean clientMaxWindowBits) {
    static final String PERMESSAGE_DEFLATE = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** The offer the plugin makes. */
    static final DeflateOffer DEFAULT = new DeflateOffer(true);

    /** The offer as the Sec-WebSocket-Extensions request header writes it. */
    String header() {
        return PERMESSAGE_DEFLATE + (clientMaxWindowBits ? "; " + CLIENT_MAX_WINDOW_BITS : "");
    }
}
