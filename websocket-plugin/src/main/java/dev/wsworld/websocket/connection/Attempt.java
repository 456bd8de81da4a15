package dev.wsworld.websocket.connection;

import dev.wsworld.websocket.transport.Transport;
import dev.wsworld.websocket.transport.TransportListener;
import dev.wsworld.websocket.transport.TransportSession;

import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * One connection attempt and, if it opens, the socket's life. Network callbacks only enqueue;
 * the fields below the line are touched on the world thread only.
 */
final class Attempt implements TransportListener {
    static final int CLOSE_POLICY_VIOLATION = 1008;

    private final Inbox inbox;
    private final int inboundLimit;
    private static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<Attempt> OVERFLOWED =
            java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "overflowed");
    private static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<Attempt> DROPPED =
            java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "dropped");
    // updaters rather than Atomic objects: one of these per connection, thousands per host
    private volatile int overflowed;
    private volatile int dropped;
    private volatile TransportSession networkSession;
    /** Something arrived since {@link KeepAlive} last looked. */
    private volatile boolean heard;

    // ---- world thread only ----
    final ConnectTarget target;
    Transport.PendingConnect pending;
    TransportSession session;
    /** OnConnected was delivered: from now on every message and the close are delivered too. */
    boolean announced;
    /** Abandoned before it opened: its events are not delivered. */
    boolean abandoned;
    /** OnDisconnected was delivered. */
    boolean finished;
    ScheduledFuture<?> keepAlive;
    /** Holds a slot in the connection limits until it ends. */
    boolean holdsLimit;
    /** Sends handed to the network and not yet confirmed, in order: id → kind. Empty until the first send. */
    Map<Long, String> unsettled = Map.of();

    /** The unsettled map, made writable on first use: most connections of a host never send. */
    Map<Long, String> unsettledForWrite() {
        if (unsettled.isEmpty() && !(unsettled instanceof java.util.LinkedHashMap)) {
            unsettled = new java.util.LinkedHashMap<>(4);
        }
        return unsettled;
    }

    Attempt(ConnectTarget target, Inbox inbox, int inboundLimit) {
        this.target = target;
        this.inbox = inbox;
        this.inboundLimit = inboundLimit;
    }

    int droppedMessages() {
        return dropped;
    }

    int inboundLimit() {
        return inboundLimit;
    }

    // ---- network threads ----

    @Override
    public void onOpen(TransportSession session, String subprotocol) {
        networkSession = session;
        inbox.add(new Inbound.Opened(this, session, subprotocol));
    }

    @Override
    public void onText(String text) {
        markHeard();
        if (admit()) {
            inbox.add(new Inbound.Text(this, text));
        }
    }

    @Override
    public void onBinary(byte[] data) {
        markHeard();
        if (admit()) {
            inbox.add(new Inbound.Binary(this, data));
        }
    }

    @Override
    public void onPong() {
        markHeard();
    }

    /** On the message path: a volatile write only when the mark is clear, about once per ping interval. */
    private void markHeard() {
        if (!heard) {
            heard = true;
        }
    }

    /** Whether anything arrived since the last call; clears the mark. Timer thread. */
    boolean takeHeard() {
        boolean was = heard;
        if (was) {
            heard = false;
        }
        return was;
    }

    @Override
    public void onClosed(int code, String reason, boolean clean) {
        inbox.add(new Inbound.Closed(this, code, reason, clean));
    }

    @Override
    public void onConnectFailed(String reason) {
        inbox.add(new Inbound.ConnectFailed(this, reason));
    }

    @Override
    public void onBlocked(String reason) {
        inbox.add(new Inbound.Blocked(this, reason));
    }

    /** Flood protection: past the limit the socket is closed with 1008 and further messages are counted, not queued. */
    private boolean admit() {
        TransportSession net = networkSession;
        if (overflowed != 0) {
            DROPPED.incrementAndGet(this);
            return false;
        }
        if (inbox.queuedMessages() >= inboundLimit) {
            if (OVERFLOWED.compareAndSet(this, 0, 1) && net != null) {
                net.close(CLOSE_POLICY_VIOLATION, "inbound queue overflow");
            }
            DROPPED.incrementAndGet(this);
            return false;
        }
        return true;
    }
}
