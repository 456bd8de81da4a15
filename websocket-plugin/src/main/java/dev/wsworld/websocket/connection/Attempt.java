package dev.wsworld.websocket.connection;

import dev.wsworld.api.host.HostTime;
import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.websocket.config.ConnectionDefaults;
import dev.wsworld.websocket.config.ConnectionDefaults.InboundOverflow;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.transport.CloseCode;
import dev.wsworld.websocket.transport.Transport;
import dev.wsworld.websocket.transport.TransportListener;
import dev.wsworld.websocket.transport.TransportSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * One connection attempt and, if it opens, the socket's life. Network callbacks only hand what
 * happened to the {@link Sink}; the fields under "world thread only" are touched there alone.
 *
 * <p>Inbound flow: with {@link InboundOverflow#BACKPRESSURE}, a message that fills the inbox (by
 * count or by bytes) pauses reading; the world thread resumes it once it has taken half. Exactly
 * one side resumes a pause: both go through a compare-and-set of {@link #paused}.
 */
final class Attempt implements TransportListener {
    /**
     * Where an attempt hands what happened, in order: the connection's inbox. Any thread; never
     * blocks.
     */
    interface Sink {
        void opened(Attempt attempt, TransportSession session, String subprotocol);

        void text(Attempt attempt, String data, int wireBytes);

        void binary(Attempt attempt, byte[] data);

        void closed(Attempt attempt, int code, String reason, boolean clean);

        void connectFailed(Attempt attempt, Failure failure);

        void sendDone(Attempt attempt, long id, String error);

        /** Give up on the open socket without a closing handshake, reported as 1006. */
        void dropSocket(Attempt attempt, String reason);

        /** Either bound of received messages waiting for the world is reached. */
        boolean full(int messageLimit, long byteLimit);

        /** The world took at least half of both bounds' worth. */
        boolean drainedToHalf(int messageLimit, long byteLimit);

        /** Messages this connection may queue as its part of its world's bound. Any thread. */
        int worldShareMessages();

        /** The same in bytes. */
        long worldShareBytes();
    }

    private static final AtomicIntegerFieldUpdater<Attempt> OVERFLOWED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "overflowed");
    private static final AtomicIntegerFieldUpdater<Attempt> DROPPED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "dropped");
    private static final AtomicIntegerFieldUpdater<Attempt> PAUSED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "paused");

    private final Sink sink;
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

    private volatile @Nullable TransportSession networkSession;

    /** Something arrived since {@link KeepAlive} last looked. */
    private volatile boolean heard;

    // ---- world thread only ----
    final ConnectTarget target;
    Transport.@Nullable PendingConnect pending;
    @Nullable TransportSession session;

    /** OnConnected was delivered: from now on every message and the close are delivered too. */
    boolean announced;

    /** Abandoned before it opened: its events are not delivered. */
    boolean abandoned;

    /** OnDisconnected was delivered. */
    boolean finished;

    /** Messages handed to the world. */
    long delivered;

    /** Pings while the socket is open; null when keep-alive is off. */
    HostTime.@Nullable Timer keepAlive;

    /** Holds a slot in the connection limits until it ends. */
    boolean holdsLimit;

    /**
     * Sends handed to the network and not yet confirmed, in order: id → bytes. Empty until the
     * first send.
     */
    Map<Long, Integer> unsettled = Map.of();

    /** The bytes of those sends. */
    long unsettledBytes;

    Attempt(ConnectTarget target, Sink sink, ConnectionDefaults defaults, InboundFlow flow) {
        this.target = target;
        this.sink = sink;
        this.messageLimit = defaults.inboundQueueLimit();
        this.byteLimit = defaults.inboundQueueBytes();
        this.overflow = defaults.inboundOverflow();
        this.flow = flow;
    }

    /** The unsettled map, made writable on first use: most connections of a host never send. */
    Map<Long, Integer> unsettledForWrite() {
        if (unsettled.isEmpty() && !(unsettled instanceof LinkedHashMap)) {
            unsettled = new LinkedHashMap<>(4);
        }
        return unsettled;
    }

    /** Whether this attempt's events reach the world: it was announced and has not ended. */
    boolean delivers() {
        return announced && !finished;
    }

    /**
     * With {@link InboundOverflow#CLOSE}: what the overflow discarded, for the world's error event.
     */
    Failure overflowReport() {
        return Failure.of(
                FailureKind.OVERFLOW,
                "inbound queue overflow: the world had not yet taken "
                        + messageLimit
                        + " messages or "
                        + byteLimit
                        + " bytes (inboundQueueLimit, inboundQueueBytes; inboundOverflow: close);"
                        + " closed with 1008. Delivered "
                        + delivered
                        + " message(s) from this connection; discarded "
                        + dropped
                        + " received after the overflow");
    }

    boolean overflowed() {
        return overflowed != 0;
    }

    boolean readingPaused() {
        return paused != 0;
    }

    /** Timer thread: the peer stopped answering; the world drops the socket. */
    void dropSocket(String reason) {
        sink.dropSocket(this, reason);
    }

    /** Any thread: a send finished, {@code error} null when it went out. */
    void sendDone(long id, String error) {
        sink.sendDone(this, id, error);
    }

    // ---- network threads ----

    @Override
    public void onOpen(TransportSession session, String subprotocol) {
        networkSession = session;
        sink.opened(this, session, subprotocol);
    }

    @Override
    public boolean onText(String text, int wireBytes) {
        markHeard();
        if (!admit()) {
            return true;
        }
        sink.text(this, text, wireBytes);
        return !pauseIfFull();
    }

    @Override
    public boolean onBinary(byte[] data) {
        markHeard();
        if (!admit()) {
            return true;
        }
        sink.binary(this, data);
        return !pauseIfFull();
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
        sink.closed(this, code, reason, clean);
    }

    @Override
    public void onConnectFailed(Failure failure) {
        sink.connectFailed(this, failure);
    }

    /**
     * Whether a received message is queued. With {@link InboundOverflow#CLOSE}, past a bound the
     * socket is closed with 1008 and further messages are counted, not queued.
     */
    private boolean admit() {
        if (overflow != InboundOverflow.CLOSE) {
            return true;
        }
        if (overflowed != 0) {
            DROPPED.incrementAndGet(this);
            return false;
        }
        if (sink.full(messageLimit, byteLimit)) {
            TransportSession net = networkSession;
            if (OVERFLOWED.compareAndSet(this, 0, 1) && net != null) {
                net.close(CloseCode.POLICY_VIOLATION.code(), "inbound queue overflow");
            }
            DROPPED.incrementAndGet(this);
            return false;
        }
        return true;
    }

    /**
     * Back-pressure bounds: this connection's own, or its part of its world's when that is less.
     * With {@link InboundOverflow#CLOSE} only its own count: a flood elsewhere never closes it.
     */
    private int pauseMessages() {
        return Math.min(messageLimit, sink.worldShareMessages());
    }

    private long pauseBytes() {
        return Math.min(byteLimit, sink.worldShareBytes());
    }

    /** Back-pressure: pauses reading when the inbox is full. Network thread. */
    private boolean pauseIfFull() {
        if (overflow != InboundOverflow.BACKPRESSURE || !sink.full(pauseMessages(), pauseBytes())) {
            return false;
        }
        pausedSince = System.nanoTime();
        flow.paused();
        paused = 1;
        // the world may have drained between the check and the flag, and then seen no pause: look
        // again
        if (sink.drainedToHalf(pauseMessages(), pauseBytes()) && PAUSED.compareAndSet(this, 1, 0)) {
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
                && sink.drainedToHalf(pauseMessages(), pauseBytes())
                && PAUSED.compareAndSet(this, 1, 0)) {
            flow.resumed(System.nanoTime() - pausedSince);
            TransportSession reading = networkSession;
            if (reading != null) {
                reading.resumeReading();
            }
        }
    }

    /** The attempt is over: a pause, if any, ends with it. */
    void endPause() {
        if (PAUSED.compareAndSet(this, 1, 0)) {
            flow.resumed(System.nanoTime() - pausedSince);
        }
    }
}
