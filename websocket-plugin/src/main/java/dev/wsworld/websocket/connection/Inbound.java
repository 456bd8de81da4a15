package dev.wsworld.websocket.connection;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.transport.TransportSession;
import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the network and timers hand to the world thread, in arrival order. */
sealed interface Inbound {
    /**
     * A received message's size as received, counted against the inbound bounds; -1 for anything
     * else.
     */
    default long messageBytes() {
        return -1;
    }

    record Opened(Attempt attempt, TransportSession session, String subprotocol)
            implements Inbound {}

    record Text(Attempt attempt, String data, int wireBytes) implements Inbound {
        @Override
        public long messageBytes() {
            return wireBytes;
        }
    }

    @SuppressWarnings("ArrayRecordComponent") // a message handed on once, never compared
    record Binary(Attempt attempt, byte[] data) implements Inbound {
        @Override
        public long messageBytes() {
            return data.length;
        }
    }

    record Closed(Attempt attempt, int code, String reason, boolean clean) implements Inbound {}

    /** The attempt never opened; of kind {@code BLOCKED} when the policy refused its addresses. */
    record ConnectFailed(Attempt attempt, Failure failure) implements Inbound {}

    record SendDone(Attempt attempt, long id, String error) implements Inbound {}

    record ConsentAnswered(long ticket, ConsentAnswer answer) implements Inbound {}

    record RetryDue(long ticket) implements Inbound {}

    /** Request Host Access: the look-up of the requested name finished. */
    record HostAccessLookedUp(
            long id, List<InetAddress> addresses, @Nullable Failure failure, boolean preGranted)
            implements Inbound {}

    /** Request Host Access: the user answered. */
    record HostAccessAnswered(long id, ConsentAnswer answer) implements Inbound {}

    /**
     * A look-up of the destination's name finished: its addresses, or why there are none.
     *
     * @param thenConnect consent was given already: connect once the addresses pass the check
     */
    record LookedUp(
            long ticket,
            List<InetAddress> addresses,
            @Nullable Failure failure,
            boolean thenConnect)
            implements Inbound {}

    /**
     * Give up on an open socket without a closing handshake, reported as 1006 with {@code reason}:
     * a close the world asked for did not complete in time, or the peer stopped answering pings.
     */
    record DropSocket(Attempt attempt, String reason) implements Inbound {}
}
