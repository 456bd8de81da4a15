package dev.wsworld.websocket.connection;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One world's share of its update thread: every WebsocketClient of the world hands what arrived to
 * the world within one budget of time per tick, however many there are. Connections with events
 * waiting are served in turn, starting each tick where the last one stopped; each turn gets an
 * equal slice of what is left of the budget (at least one event), so every waiting connection is
 * served every tick while the budget allows it, and a flooding connection never starves a quiet
 * one. When the budget is spent, the rest waits in the inboxes (reading pauses there, so nothing is
 * lost) for the next tick.
 *
 * <p>A connection whose first event arrives says so ({@link #ready}, from the network thread), so
 * the first serve of a tick knows every connection waiting and slices the budget among them all.
 * Each component's {@code onUpdate} calls {@link #serve}; the first call of a tick starts its
 * budget, and any call serves the turn while budget is left. When events are left over, the
 * connection first in the turn asks for the next tick.
 *
 * <p>World thread only; the figures may be read anywhere.
 */
public final class WorldDelivery {
    /** At most this many events in one turn, however long the slice. */
    static final int MAX_EVENTS_PER_TURN = 256;

    private final Supplier<Long> budgetNanos;
    private final LongSupplier clock;

    /** Connections whose events began to wait, from any thread, in arrival order. */
    private final ConcurrentLinkedQueue<ClientConnection> arrivals = new ConcurrentLinkedQueue<>();

    /** Connections with events waiting, in serving order. */
    private final ArrayDeque<ClientConnection> turn = new ArrayDeque<>();

    private final Set<ClientConnection> waiting =
            Collections.newSetFromMap(new IdentityHashMap<>());

    /** The tick whose budget is being spent, and how much of it is used. */
    private long tick = Long.MIN_VALUE;

    private long usedThisTick;
    private boolean spentWithEventsLeft;

    /** Connections in the turn not yet served this tick. */
    private int unserved;

    private volatile long lastTickNanos;
    private volatile long longestTickNanos;
    private volatile long ticksAtBudget;
    private volatile int waitingCount;

    /**
     * @param budgetNanos the time budget per tick, read at the start of each tick (a configuration
     *     reload applies at the next)
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    public WorldDelivery(Supplier<Long> budgetNanos, LongSupplier clock) {
        this.budgetNanos = budgetNanos;
        this.clock = clock;
    }

    /**
     * A component's update: {@code connection} has events waiting; the turn is served while this
     * tick's budget lasts. Only the time spent handing events over counts against the budget, not
     * the other components' updates in between.
     *
     * @param worldTick the world's current tick
     */
    public void serve(ClientConnection connection, long worldTick) {
        if (worldTick != tick) {
            finishTick();
            tick = worldTick;
            usedThisTick = 0;
            unserved = turn.size();
        }
        for (ClientConnection arrived; (arrived = arrivals.poll()) != null; ) {
            join(arrived);
        }
        join(connection);
        long started = clock.getAsLong();
        long deadline = started + budgetNanos.get() - usedThisTick;
        long now = started;
        int skipped = 0;
        while (!turn.isEmpty() && now - deadline < 0 && skipped < turn.size()) {
            ClientConnection next = turn.pollFirst();
            if (next.stopped()) {
                waiting.remove(next);
                if (!next.servedIn(worldTick)) {
                    unserved--;
                }
                continue;
            }
            if (!next.mayDeliverIn(worldTick)) {
                turn.addLast(next); // its own per-tick count is spent: next tick
                skipped++;
                continue;
            }
            skipped = 0;
            // an equal part of what is left for each connection not yet served this tick; once all
            // were, an equal part for every connection still waiting
            long slice;
            if (next.servedIn(worldTick)) {
                slice = (deadline - now) / (turn.size() + 1);
            } else {
                slice = (deadline - now) / Math.max(1, unserved);
                unserved--;
            }
            if (next.deliver(worldTick, MAX_EVENTS_PER_TURN, now + slice, clock)) {
                turn.addLast(next);
            } else {
                waiting.remove(next);
            }
            now = clock.getAsLong();
        }
        usedThisTick += now - started;
        lastTickNanos = usedThisTick;
        waitingCount = waiting.size();
        if (!turn.isEmpty()) {
            spentWithEventsLeft = now - deadline >= 0;
            turn.peekFirst().continueNextTick();
        }
    }

    /**
     * Any thread: {@code connection}'s first event since it was last served has arrived. Never
     * blocks.
     */
    public void ready(ClientConnection connection) {
        arrivals.add(connection);
    }

    private void join(ClientConnection connection) {
        if (waiting.add(connection)) {
            turn.addLast(connection);
            if (!connection.servedIn(tick)) {
                unserved++;
            }
        }
    }

    /** The connection goes away: it is no longer served. */
    public void forget(ClientConnection connection) {
        if (waiting.remove(connection)) {
            turn.remove(connection);
            waitingCount = waiting.size();
            if (!turn.isEmpty()) {
                turn.peekFirst().continueNextTick();
            }
        }
    }

    // the world thread is the only writer of the figures diagnostics read
    @SuppressWarnings("NonAtomicVolatileUpdate")
    private void finishTick() {
        if (tick == Long.MIN_VALUE) {
            return;
        }
        longestTickNanos = Math.max(longestTickNanos, usedThisTick);
        if (spentWithEventsLeft) {
            ticksAtBudget++;
            spentWithEventsLeft = false;
        }
    }

    /** The budget, in nanoseconds. */
    public long budgetNanos() {
        return budgetNanos.get();
    }

    /** Time spent handing events over in the last tick that had any, so far. Any thread. */
    public long lastTickNanos() {
        return lastTickNanos;
    }

    /** The longest such time of any finished tick. Any thread. */
    public long longestTickNanos() {
        return longestTickNanos;
    }

    /** Ticks that spent the whole budget with events left over. Any thread. */
    public long ticksAtBudget() {
        return ticksAtBudget;
    }

    /** Connections waiting for their turn now. Any thread. */
    public int waitingConnections() {
        return waitingCount;
    }
}
