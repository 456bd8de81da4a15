package dev.wsworld.websocket.connection;

/**
 * A connection's count of events handed to the world in one tick, against the per-component budget
 * ({@code defaults.deliveryBudgetPerTick}); the world's shared time budget is {@link
 * WorldDelivery}'s. World thread only.
 */
final class TickShare {
    /** The tick {@link #delivered} counts for; none yet. */
    private long tick = -1;

    private int delivered;

    /** How many more events may be handed over in {@code now}, at most {@code perTick} a tick. */
    int room(long now, int perTick) {
        if (now != tick) {
            tick = now;
            delivered = 0;
        }
        return Math.max(0, perTick - delivered);
    }

    void count(int handed) {
        delivered += handed;
    }

    /** Whether events were handed over in {@code now}. */
    boolean servedIn(long now) {
        return now == tick;
    }

    /** Whether {@code now} has room left, at most {@code perTick} a tick. */
    boolean hasRoom(long now, int perTick) {
        return now != tick || delivered < perTick;
    }

    /** Forgets the tick: a drain outside the world's ticks does not count against the next. */
    void forget() {
        tick = -1;
    }
}
