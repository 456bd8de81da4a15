package dev.wsworld.websocket.connection;

import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.transport.TransportSession;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * The queue from network threads to the world thread. Producers never block; the first item after a
 * drain asks the world for an update, so an idle inbox costs the world nothing. Received messages
 * are counted and their bytes summed, so both bounds can be checked from any thread.
 */
final class Inbox implements Attempt.Sink {
    private static final AtomicIntegerFieldUpdater<Inbox> MESSAGES =
            AtomicIntegerFieldUpdater.newUpdater(Inbox.class, "messages");
    private static final AtomicLongFieldUpdater<Inbox> BYTES =
            AtomicLongFieldUpdater.newUpdater(Inbox.class, "bytes");
    private static final AtomicIntegerFieldUpdater<Inbox> UPDATE_REQUESTED =
            AtomicIntegerFieldUpdater.newUpdater(Inbox.class, "updateRequested");

    private final ConcurrentLinkedQueue<Inbound> queue = new ConcurrentLinkedQueue<>();
    // updaters rather than Atomic objects: one inbox per component, thousands per host
    private volatile int messages;
    private volatile long bytes;
    private volatile int updateRequested;

    /** When the outstanding update was asked for. */
    private volatile long requestedAtNanos;

    private final Runnable requestUpdate;

    /** The world this inbox delivers to, once attached: its part of the world's bounds. */
    private volatile @Nullable InboundShare world;

    // world thread only: polled, not yet subtracted from the counts
    private int takenMessages;
    private long takenBytes;

    Inbox(Runnable requestUpdate) {
        this.requestUpdate = requestUpdate;
    }

    /** Any thread. */
    void add(Inbound item) {
        long size = item.messageBytes();
        if (size >= 0) {
            MESSAGES.incrementAndGet(this);
            BYTES.addAndGet(this, size);
        }
        queue.add(item);
        if (UPDATE_REQUESTED.compareAndSet(this, 0, 1)) {
            requestedAtNanos = System.nanoTime();
            requestUpdate.run();
        }
    }

    /**
     * Since when an update was asked for and has not come, or 0 when none is outstanding. Any
     * thread; read by the stall check.
     */
    long updateAwaitedSince() {
        return updateRequested == 0 ? 0 : requestedAtNanos;
    }

    /** Received messages not yet handed to the world. */
    int queuedMessages() {
        return messages;
    }

    /** Their size as received. */
    long queuedBytes() {
        return bytes;
    }

    /** Either bound is reached. Any thread. */
    @Override
    public boolean full(int messageLimit, long byteLimit) {
        return messages >= messageLimit || bytes >= byteLimit;
    }

    /** The inbox now delivers to {@code world}, whose bounds it shares. */
    void joinWorld(InboundShare world) {
        this.world = world;
    }

    @Override
    public int worldShareMessages() {
        InboundShare share = world;
        return share == null ? Integer.MAX_VALUE : share.inboundShareMessages();
    }

    @Override
    public long worldShareBytes() {
        InboundShare share = world;
        return share == null ? Long.MAX_VALUE : share.inboundShareBytes();
    }

    /** The world took at least half of both bounds' worth: a paused connection may read on. */
    @Override
    public boolean drainedToHalf(int messageLimit, long byteLimit) {
        return messages <= messageLimit / 2 && bytes <= byteLimit / 2;
    }

    @Override
    public void opened(Attempt attempt, TransportSession session, String subprotocol) {
        add(new Inbound.Opened(attempt, session, subprotocol));
    }

    @Override
    public void text(Attempt attempt, String data, int wireBytes) {
        add(new Inbound.Text(attempt, data, wireBytes));
    }

    @Override
    public void binary(Attempt attempt, byte[] data) {
        add(new Inbound.Binary(attempt, data));
    }

    @Override
    public void closed(Attempt attempt, int code, String reason, boolean clean) {
        add(new Inbound.Closed(attempt, code, reason, clean));
    }

    @Override
    public void connectFailed(Attempt attempt, Failure failure) {
        add(new Inbound.ConnectFailed(attempt, failure));
    }

    @Override
    public void sendDone(Attempt attempt, long id, String error) {
        add(new Inbound.SendDone(attempt, id, error));
    }

    @Override
    public void dropSocket(Attempt attempt, String reason) {
        add(new Inbound.DropSocket(attempt, reason));
    }

    /** World thread: whether anything waits. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** World thread: called at the start of a drain, before polling. */
    void beginDrain() {
        updateRequested = 0;
    }

    /**
     * World thread. The counts go down in {@link #taken}, once per drain rather than once per item:
     * two atomic updates a drain instead of two a message.
     */
    Inbound poll() {
        Inbound item = queue.poll();
        if (item != null) {
            long size = item.messageBytes();
            if (size >= 0) {
                takenMessages++;
                takenBytes += size;
            }
        }
        return item;
    }

    /** World thread: the messages polled since the last call leave the counts. */
    void taken() {
        if (takenMessages > 0) {
            MESSAGES.addAndGet(this, -takenMessages);
            BYTES.addAndGet(this, -takenBytes);
            takenMessages = 0;
            takenBytes = 0;
        }
    }

    /**
     * World thread: items are left after this tick's share; asks for an update at the next tick
     * whether or not one is outstanding (the host runs it once however often it is asked).
     */
    void continueNextTick() {
        if (UPDATE_REQUESTED.compareAndSet(this, 0, 1)) {
            requestedAtNanos = System.nanoTime();
        }
        requestUpdate.run();
    }

    void clear() {
        queue.clear();
        messages = 0;
        bytes = 0;
        takenMessages = 0;
        takenBytes = 0;
    }
}
