package dev.wsworld.websocket.connection;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The queue from network threads to the world thread. Producers never block; the first item
 * after a drain asks the world for an update, so an idle inbox costs the world nothing.
 */
final class Inbox {
    private final ConcurrentLinkedQueue<Inbound> queue = new ConcurrentLinkedQueue<>();
    private static final AtomicIntegerFieldUpdater<Inbox> MESSAGES = AtomicIntegerFieldUpdater.newUpdater(Inbox.class, "messages");
    private static final AtomicIntegerFieldUpdater<Inbox> UPDATE_REQUESTED =
            AtomicIntegerFieldUpdater.newUpdater(Inbox.class, "updateRequested");
    // updaters rather than Atomic objects: one inbox per component, thousands per host
    private volatile int messages;
    private volatile int updateRequested;
    private final Runnable requestUpdate;

    Inbox(Runnable requestUpdate) {
        this.requestUpdate = requestUpdate;
    }

    /** Any thread. */
    void add(Inbound item) {
        if (item.isMessage()) {
            MESSAGES.incrementAndGet(this);
        }
        queue.add(item);
        if (UPDATE_REQUESTED.compareAndSet(this, 0, 1)) {
            requestUpdate.run();
        }
    }

    /** Received messages not yet handed to the world. */
    int queuedMessages() {
        return messages;
    }

    int size() {
        return queue.size();
    }

    /** World thread: called at the start of a drain, before polling. */
    void beginDrain() {
        updateRequested = 0;
    }

    /** World thread. */
    Inbound poll() {
        Inbound item = queue.poll();
        if (item != null && item.isMessage()) {
            MESSAGES.decrementAndGet(this);
        }
        return item;
    }

    /** World thread: the budget ran out with items left; ask for the next tick. */
    void continueNextTick() {
        if (!queue.isEmpty() && UPDATE_REQUESTED.compareAndSet(this, 0, 1)) {
            requestUpdate.run();
        }
    }

    void clear() {
        queue.clear();
        messages = 0;
    }
}
