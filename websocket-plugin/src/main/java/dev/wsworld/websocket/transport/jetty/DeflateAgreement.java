package dev.wsworld.websocket.transport.jetty;

/**
 * The permessage-deflate parameters one connection agreed on (RFC 7692 7.1), as the server's answer
 * states them. Window sizes are in bits; 15 (32 KiB) when the answer names none.
 *
 * @param serverNoContextTakeover each server message is compressed on its own
 * @param clientNoContextTakeover each client message must be compressed on its own
 * @param serverMaxWindowBits the window the server compresses with
 * @param clientMaxWindowBits the largest window the client may compress with
 */
record DeflateAgreement(
        boolean serverNoContextTakeover,
        boolean clientNoContextTakeover,
        int serverMaxWindowBits,
        int clientMaxWindowBits) {
    static final int MIN_WINDOW_BITS = 8;
    static final int MAX_WINDOW_BITS = 15;

    /** What a bare {@code permessage-deflate} answer agrees to. */
    static final DeflateAgreement DEFAULTS =
            new DeflateAgreement(false, false, MAX_WINDOW_BITS, MAX_WINDOW_BITS);

    DeflateAgreement {
        checkWindow(serverMaxWindowBits);
        checkWindow(clientMaxWindowBits);
    }

    private static void checkWindow(int bits) {
        if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("window bits " + bits + " not in 8 to 15");
        }
    }
}
