package dev.wsworld.websocket.connection;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Back-pressure figures of one plugin instance, for diagnostics: how many connections have reading
 * paused because the world has not yet taken what they received, and for how long in total.
 * Thread-safe.
 */
public final class InboundFlow {
    private final AtomicInteger pausedNow = new AtomicInteger();
    private final LongAdder pauses = new LongAdder();
    private final LongAdder pausedNanos = new LongAdder();

    void paused() {
        pausedNow.incrementAndGet();
        pauses.increment();
    }

    void resumed(long pausedForNanos) {
        pausedNow.decrementAndGet();
        pausedNanos.add(pausedForNanos);
    }

    /** Connections whose reading is paused right now. */
    public int pausedNow() {
        return pausedNow.get();
    }

    /** Pauses since the plugin started. */
    public long pauses() {
        return pauses.sum();
    }

    /** Time spent paused by every connection together, finished pauses only, in milliseconds. */
    public long pausedMillisTotal() {
        return pausedNanos.sum() / 1_000_000;
    }
}
