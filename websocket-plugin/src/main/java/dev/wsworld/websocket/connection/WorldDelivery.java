package dev.wsworld.websocket.connection;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
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
public final class WorldDelivery implements InboundShare {
    /** At most this many events in one turn, however long the slice. */
    static final int MAX_EVENTS_PER_TURN = 256;

    private final Supplier<Long> budgetNanos;
    private final LongSupplier clock;

    /** Connections whose events began to wait, from any thread, in arrival order. */
    private final ConcurrentLinkedQueue<ClientConnection> arrivals = new ConcurrentLinkedQueue<>();

    /** How many are in {@link #arrivals}: they count for the inbound share at once. */
    private final AtomicInteger arriving = new AtomicInteger();

    private final Supplier<InboundBounds> inboundBounds;

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
        this(budgetNanos, () -> InboundBounds.UNBOUNDED, clock);
    }

    /**
     * @param budgetNanos the time budget per tick, read at the start of each tick
     * @param inboundBounds what the world's inboxes may hold together, read when a connection
     *     decides whether to pause (a reload applies at once)
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    public WorldDelivery(
            Supplier<Long> budgetNanos, Supplier<InboundBounds> inboundBounds, LongSupplier clock) {
        this.budgetNanos = budgetNanos;
        this.inboundBounds = inboundBounds;
        this.clock = clock;
    }

    /**
     * What a world's inboxes may hold together before back-pressure pauses reading. Each connection
     * with messages waiting, or just arrived, may queue an equal part, never less than the minimum:
     * a flood of many connections then holds about one world's worth of messages on the heap, not
     * one connection's worth per connection, and the rest waits in TCP.
     *
     * @param messages received messages, all inboxes together
     * @param bytes their size as received
     * @param minMessages each connection's part is at least this
     * @param minBytes and at least this many bytes
     */
    public record InboundBounds(int messages, long bytes, int minMessages, long minBytes) {
        /** No world bound: each connection's own bounds alone apply. */
        public static final InboundBounds UNBOUNDED =
                new InboundBounds(
                        Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Any thread: how many received messages one connection may queue now, the world's part. */
    @Override
    public int inboundShareMessages() {
        InboundBounds bounds = inboundBounds.get();
        return Math.max(bounds.minMessages(), bounds.messages() / sharers());
    }

    /** Any thread: the same in bytes. */
    @Override
    public long inboundShareBytes() {
        InboundBounds bounds = inboundBounds.get();
        return Math.max(bounds.minBytes(), bounds.bytes() / sharers());
    }

    private int sharers() {
        return Math.max(1, waitingCount + arriving.get());
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
            arriving.decrementAndGet();
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
        arriving.incrementAndGet();
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
