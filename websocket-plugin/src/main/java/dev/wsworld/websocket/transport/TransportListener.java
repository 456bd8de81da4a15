package dev.wsworld.websocket.transport;

import dev.wsworld.websocket.failure.Failure;

/**
 * What happens on one connection attempt, as the network side reports it. Called on network
 * threads, in order for one attempt. Exactly one terminal call ends an attempt: {@link
 * #onConnectFailed} (never opened) or {@link #onClosed} (was open).
 *
 * <p>Reading is flow-controlled: a message callback that returns {@code false} pauses reading from
 * the connection (TCP then slows the server down) until {@link TransportSession#resumeReading()}.
 */
public interface TransportListener {
    void onOpen(TransportSession session, String subprotocol);

    /**
     * A whole text message.
     *
     * @param wireBytes its size as received (UTF-8 bytes)
     * @return true to go on reading; false to pause until {@link TransportSession#resumeReading()}
     */
    boolean onText(String text, int wireBytes);

    /** A whole binary message; returns as {@link #onText}. */
    boolean onBinary(byte[] data);

    /** A pong arrived: the peer is still there. */
    void onPong();

    /**
     * The open connection ended. {@code clean} is false for an abnormal end (1006) or a local
     * error.
     */
    void onClosed(int code, String reason, boolean clean);

    /**
     * The connection could not be established; of kind {@code BLOCKED} when the policy refused the
     * destination's addresses and nothing was connected.
     */
    void onConnectFailed(Failure failure);
}
