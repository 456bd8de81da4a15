package dev.wsworld.host.testing;

import dev.wsworld.hostsupport.world.TickLoop;

/**
 * A task that reposts itself every tick, measuring by wall clock the longest time between two
 * ticks; a world blocked by network work would show it as one long gap. Counting ticks would not
 * show it: the tick loop catches up on missed ticks afterwards.
 */
public final class TickProbe implements Runnable {
    private final TickLoop loop;
    private volatile boolean stopped;
    private volatile long ticks;
    private volatile long maxGapNanos;
    private volatile long last;

    public TickProbe(TickLoop loop) {
        this.loop = loop;
    }

    /** Call on the update thread. */
    public void start() {
        last = System.nanoTime();
        loop.post(this);
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        maxGapNanos = Math.max(maxGapNanos, now - last);
        last = now;
        ticks++;
        if (!stopped) {
            loop.post(this);
        }
    }

    public long ticks() {
        return ticks;
    }

    /** The longest gap so far, counting the one still open: a world stuck right now shows too. */
    public long maxGapMillis() {
        return Math.max(maxGapNanos, System.nanoTime() - last) / 1_000_000;
    }
}
