package dev.wsworld.websocket.connection;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.websocket.failure.Failure;
import java.time.Duration;

/**
 * What a {@link ClientConnection} reports, on the world thread, in the order it happened: a message
 * received before a close is always reported before that close.
 */
public interface ConnectionObserver {
    /** State and LastError changed (State, IsConnected and LastError fields). */
    void stateChanged(ConnectionState state, String lastError);

    /**
     * The socket opened.
     *
     * @param compressed permessage-deflate was negotiated
     */
    void connected(String subprotocol, boolean compressed);

    void text(String data);

    void binary(byte[] data);

    void disconnected(int code, String reason, boolean clean);

    void connectFailed(Failure failure);

    void consentRequested(ConsentRequest request);

    /** The handling user refused, dismissed the prompt, or nobody could be asked. */
    void denied(String userId, ConsentAnswer answer);

    /**
     * The connection no longer waits for the answer to {@code request}; an answer to it grants
     * nothing.
     */
    void consentWithdrawn(ConsentRequest request);

    /** Request Host Access: granted, by a rule, an earlier answer or the user. */
    void hostAccessGranted(HostAccessRequest request);

    /** Request Host Access: refused by a rule or the user. */
    void hostAccessDenied(HostAccessRequest request, String reason);

    /**
     * Request Host Access: nobody decided (dismissed, no prompt, no handling user, no such name).
     */
    void hostAccessIgnored(HostAccessRequest request, String reason);

    void retryScheduled(Duration delay);

    void sendStarted(long id, String kind, int length);

    void sent(long id);

    void sendFailed(long id, Failure failure);

    /** Something went wrong that is not a connection outcome (an inbound overflow). */
    void error(Failure failure);
}
