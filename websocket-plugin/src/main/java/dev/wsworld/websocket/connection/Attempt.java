package dev.wsworld.websocket.connection;

import dev.wsworld.websocket.config.ConnectionDefaults;
import dev.wsworld.websocket.config.ConnectionDefaults.InboundOverflow;
import dev.wsworld.websocket.transport.Transport;
import dev.wsworld.websocket.transport.TransportListener;
import dev.wsworld.websocket.transport.TransportSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One connection attempt and, if it opens, the socket's life. Network callbacks only enqueue; the
 * fields below the line are touched on the world thread only.
 *
 * <p>Inbound flow: with {@link InboundOverflow#BACKPRESSURE}, a message that fills the inbox (by
 * count or by bytes) pauses reading; the world thread resumes it once it has taken half. Exactly
 * one side resumes a pause: both go through a compare-and-set of {@link #paused}.
 */
final class Attempt implements TransportListener {
    static final int CLOSE_POLICY_VIOLATION = 1008;

    private static final AtomicIntegerFieldUpdater<Attempt> OVERFLOWED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "overflowed");
    private static final AtomicIntegerFieldUpdater<Attempt> DROPPED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "dropped");
    private static final AtomicIntegerFieldUpdater<Attempt> PAUSED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "paused");

    private final Inbox inbox;
    private final int messageLimit;
    private final long byteLimit;
    private final InboundOverflow overflow;
    private final InboundFlow flow;
    // updaters rather than Atomic objects: one of these per connection, thousands per host
    private volatile int overflowed;
    private volatile int dropped;

    /** 1 while reading is paused; whoever sets it back to 0 owns the resume. */
    private volatile int paused;

    /** When the current pause began; written before {@link #paused} is set. */
    private long pausedSince;

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

    /** Messages handed to the world. */
    long delivered;

    ScheduledFuture<?> keepAlive;

    /** Holds a slot in the connection limits until it ends. */
    boolean holdsLimit;

    /**
     * Sends handed to the network and not yet confirmed, in order: id → kind. Empty until the first
     * send.
     */
    Map<Long, String> unsettled = Map.of();

    Attempt(ConnectTarget target, Inbox inbox, ConnectionDefaults defaults, InboundFlow flow) {
        this.target = target;
        this.inbox = inbox;
        this.messageLimit = defaults.inboundQueueLimit();
        this.byteLimit = defaults.inboundQueueBytes();
        this.overflow = defaults.inboundOverflow();
        this.flow = flow;
    }

    /** The unsettled map, made writable on first use: most connections of a host never send. */
    Map<Long, String> unsettledForWrite() {
        if (unsettled.isEmpty() && !(unsettled instanceof LinkedHashMap)) {
            unsettled = new LinkedHashMap<>(4);
        }
        return unsettled;
    }

    /**
     * With {@link InboundOverflow#CLOSE}: what the overflow discarded, for the world's error event.
     */
    String overflowReport() {
        return "inbound queue overflow: the world had not yet taken "
                + messageLimit
                + " messages or "
                + byteLimit
                + " bytes (inboundQueueLimit, inboundQueueBytes; inboundOverflow: close); closed"
                + " with 1008. Delivered "
                + delivered
                + " message(s) from this connection; discarded "
                + dropped
                + " received after the overflow";
    }

    boolean overflowed() {
        return overflowed != 0;
    }

    boolean readingPaused() {
        return paused != 0;
    }

    // ---- network threads ----

    @Override
    public void onOpen(TransportSession session, String subprotocol) {
        networkSession = session;
        inbox.add(new Inbound.Opened(this, session, subprotocol));
    }

    @Override
    public boolean onText(String text, int wireBytes) {
        return receive(new Inbound.Text(this, text, wireBytes));
    }

    @Override
    public boolean onBinary(byte[] data) {
        return receive(new Inbound.Binary(this, data));
    }

    @Override
    public void onPong() {
        markHeard();
    }

    /**
     * On the message path: a volatile write only when the mark is clear, about once per ping
     * interval.
     */
    private void markHeard() {
        if (!heard) {
            heard = true;
        }
    }

    /**
     * Whether anything arrived since the last call, or reading is paused (silence is then ours);
     * clears the mark. Timer thread.
     */
    boolean takeHeard() {
        boolean was = heard;
        if (was) {
            heard = false;
        }
        return was || paused != 0;
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

    /** Queues a received message; returns whether to read on. */
    private boolean receive(Inbound message) {
        markHeard();
        if (overflow == InboundOverflow.CLOSE) {
            if (admitOrClose()) {
                inbox.add(message);
            }
            return true;
        }
        inbox.add(message);
        return !pauseIfFull();
    }

    /** Back-pressure: pauses reading when the inbox is full. Network thread. */
    private boolean pauseIfFull() {
        if (!inbox.full(messageLimit, byteLimit)) {
            return false;
        }
        pausedSince = System.nanoTime();
        flow.paused();
        paused = 1;
        // the world may have drained between the check and the flag, and then seen no pause: look
        // again
        if (inbox.drainedToHalf(messageLimit, byteLimit) && PAUSED.compareAndSet(this, 1, 0)) {
            flow.resumed(System.nanoTime() - pausedSince);
            return false;
        }
        return true;
    }

    /**
     * World thread, after a drain: reads on if reading was paused and the world has taken enough.
     */
    void resumeIfDrained() {
        if (paused != 0
                && inbox.drainedToHalf(messageLimit, byteLimit)
                && PAUSED.compareAndSet(this, 1, 0)) {
            flow.resumed(System.nanoTime() - pausedSince);
            networkSession.resumeReading();
        }
    }

    /** The attempt is over: a pause, if any, ends with it. */
    void endPause() {
        if (PAUSED.compareAndSet(this, 1, 0)) {
            flow.resumed(System.nanoTime() - pausedSince);
        }
    }

    /**
     * {@link InboundOverflow#CLOSE}: past a bound the socket is closed with 1008 and further
     * messages are counted, not queued.
     */
    private boolean admitOrClose() {
        if (overflowed != 0) {
            DROPPED.incrementAndGet(this);
            return false;
        }
        if (inbox.full(messageLimit, byteLimit)) {
            TransportSession net = networkSession;
            if (OVERFLOWED.compareAndSet(this, 0, 1) && net != null) {
                net.close(CLOSE_POLICY_VIOLATION, "inbound queue overflow");
            }
            DROPPED.incrementAndGet(this);
            return false;
        }
        return true;
    }
}
