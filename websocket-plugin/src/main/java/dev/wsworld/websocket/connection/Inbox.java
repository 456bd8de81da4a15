package dev.wsworld.websocket.connection;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue from network threads to the world thread. Producers never block; the first item
 * after a drain asks the world for an update, so an idle inbox costs the world nothing.
 */
final class Inbox {
    private final ConcurrentLinkedQueue<Inbound> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicBoolean updateRequested = new AtomicBoolean();
    private final Runnable requestUpdate;

    Inbox(Runnable requestUpdate) {
        this.requestUpdate = requestUpdate;
    }

    /** Any thread. */
    void add(Inbound item) {
        if (item.isMessage()) {
            messages.incrementAndGet();
        }
        queue.add(item);
        if (updateRequested.compareAndSet(false, true)) {
            requestUpdate.run();
        }
    }

    /** Received messages not yet handed to the world. */
    int queuedMessages() {
        return messages.get();
    }

    int size() {
        return queue.size();
    }

    /** World thread: called at the start of a drain, before polling. */
    void beginDrain() {
        updateRequested.set(false);
    }

    /** World thread. */
    Inbound poll() {
        Inbound item = queue.poll();
        if (item != null && item.isMessage()) {
            messages.decrementAndGet();
        }
        return item;
    }

    /** World thread: the budget ran out with items left; ask for the next tick. */
    void continueNextTick() {
        if (!queue.isEmpty() && updateRequested.compareAndSet(false, true)) {
            requestUpdate.run();
        }
    }

    void clear() {
        queue.clear();
        messages.set(0);
    }
}
