package dev.wsworld.websocket.connection;

import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.common.text.Utf8;
import dev.wsworld.websocket.config.ConnectionDefaults;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.transport.TransportSession;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Sends on their way to the network: numbered, bounded by count ({@code outboundQueueLimit}) and by
 * bytes ({@code outboundQueueBytes}), each settled exactly once as {@code sent} or {@code
 * sendError}. A send over a bound fails that send alone; the connection stays.
 *
 * <p>World thread only; the two totals may be read anywhere.
 */
// the world thread is the only writer of the figures diagnostics read (see the lock rule above)
@SuppressWarnings("NonAtomicVolatileUpdate")
final class Outbox {
    private final Supplier<ConnectionServices> services;
    private final ConnectionObserver observer;
    private long nextId;

    /** Sends handed to the network and not yet confirmed, over every attempt. */
    private volatile int unsettled;

    /** Their bytes. */
    private volatile long unsettledBytes;

    Outbox(Supplier<ConnectionServices> services, ConnectionObserver observer) {
        this.services = services;
        this.observer = observer;
    }

    int unsettled() {
        return unsettled;
    }

    long unsettledBytes() {
        return unsettledBytes;
    }

    long sendText(@Nullable Attempt open, ConnectionState state, String text) {
        long id = ++nextId;
        int length = Utf8.length(text); // what goes on the wire, as for binary
        observer.sendStarted(id, "text", length);
        TransportSession session = admit(open, state, id, length);
        if (session != null && open != null) {
            session.sendText(text, error -> open.sendDone(id, error));
        }
        return id;
    }

    long sendBinary(@Nullable Attempt open, ConnectionState state, byte[] data) {
        long id = ++nextId;
        observer.sendStarted(id, "binary", data.length);
        byte[] copy = data.clone();
        TransportSession session = admit(open, state, id, copy.length);
        if (session != null && open != null) {
            session.sendBinary(copy, error -> open.sendDone(id, error));
        }
        return id;
    }

    /** Whether the send may go out now; if not, it has failed, with why. */
    /** The session a send goes to, or null when it failed at once (and the world was told). */
    private @Nullable TransportSession admit(
            @Nullable Attempt open, ConnectionState state, long id, int length) {
        TransportSession session = open == null ? null : open.session;
        if (state != ConnectionState.CONNECTED || open == null || session == null) {
            observer.sendFailed(
                    id,
                    Failure.of(
                            FailureKind.NOT_CONNECTED,
                            "not connected (state " + state.displayName() + ")"));
            return null;
        }
        ConnectionDefaults defaults = services.get().defaults();
        if (open.unsettled.size() >= defaults.outboundQueueLimit()) {
            observer.sendFailed(
                    id,
                    Failure.of(
                            FailureKind.QUEUE_FULL,
                            "outbound queue full: "
                                    + defaults.outboundQueueLimit()
                                    + " messages are waiting for the network"
                                    + " (outboundQueueLimit)"));
            return null;
        }
        // one message larger than the bound is refused too: it could never fit
        if (open.unsettledBytes + length > defaults.outboundQueueBytes()) {
            observer.sendFailed(
                    id,
                    Failure.of(
                            FailureKind.QUEUE_FULL,
                            "outbound queue full: "
                                    + open.unsettledBytes
                                    + " bytes are waiting for the network and this message has "
                                    + length
                                    + "; at most "
                                    + defaults.outboundQueueBytes()
                                    + " (outboundQueueBytes)"));
            return null;
        }
        open.unsettledForWrite().put(id, length);
        open.unsettledBytes += length;
        unsettled++;
        unsettledBytes += length;
        return session;
    }

    void onSendDone(Inbound.SendDone done) {
        Attempt attempt = done.attempt();
        Integer length = attempt.unsettled.isEmpty() ? null : attempt.unsettled.remove(done.id());
        if (length == null) {
            return; // failed already, as the connection closed
        }
        settled(attempt, length);
        if (done.error() == null) {
            observer.sent(done.id());
        } else {
            observer.sendFailed(done.id(), Failure.of(FailureKind.CLOSED, done.error()));
        }
    }

    /** The attempt ended: sends it never confirmed fail, in order. */
    void failUnsettled(Attempt attempt) {
        for (Map.Entry<Long, Integer> send : new ArrayList<>(attempt.unsettled.entrySet())) {
            settled(attempt, send.getValue());
            observer.sendFailed(
                    send.getKey(),
                    Failure.of(
                            FailureKind.CLOSED, "connection closed before the message was sent"));
        }
        attempt.unsettled = Map.of();
    }

    private void settled(Attempt attempt, int length) {
        attempt.unsettledBytes -= length;
        unsettled--;
        unsettledBytes -= length;
    }
}
