package dev.wsworld.testkit;

import dev.wsworld.api.host.HostTime;
import dev.wsworld.hostsupport.world.TickLoop;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HostTime} that stands still until the test moves it: the plugin's rules (the retry after
 * {@code ConnectRetryInterval} and its back-off, keep-alive pings and their deadline, the close
 * handshake's timeout, the consent and attempt rate windows, the age of a looked-up address) run on
 * it, so a 60 s retry happens when the test says 60 s have passed, without anyone waiting.
 *
 * <p>Deterministic: timers fire only inside {@link #advance}, on the thread that calls it, in the
 * order they fall due (ties in the order they were set), each with the clock set to its due time; a
 * timer that a firing timer sets within the advanced span fires in the same call. Not under this
 * clock: the network (real sockets; Jetty's {@code connectTimeout} and {@code idleTimeout} run on
 * real time), the world's tick loop, and the plugin's delivery budget per tick (real work). So wait
 * for events; never count on an event landing in a given tick.
 *
 * <p>It starts at an arbitrary origin, far from zero: as with {@link System#nanoTime()}, only
 * differences mean anything ({@link #elapsed()}).
 */
public final class ManualClock implements HostTime {
    private static final Logger LOG = LoggerFactory.getLogger(ManualClock.class);

    /** Where the clock starts: any value would do; zero is avoided, as code may read 0 as unset. */
    private static final long ORIGIN_NANOS = Duration.ofDays(1).toNanos();

    private final PriorityQueue<Scheduled> timers =
            new PriorityQueue<>(
                    Comparator.comparingLong(Scheduled::dueNanos)
                            .thenComparingLong(Scheduled::sequence));

    /** Guarded by this; read without the lock by {@link #nanoTime()}. */
    private volatile long now = ORIGIN_NANOS;

    private long sequence;

    /** One advance at a time; held while timers fire. */
    private final ReentrantLock advancing = new ReentrantLock();

    /** The world's update thread, where timers must never fire; null outside a world. */
    private volatile TickLoop updateThread;

    /** A clock at its origin, with no timer set. */
    public ManualClock() {}

    private record Scheduled(long dueNanos, long sequence, Runnable task) {}

    @Override
    public long nanoTime() {
        return now;
    }

    /**
     * Sets a timer; it fires when {@link #advance} reaches its due time.
     *
     * @param task the work
     * @param delay how long from now; zero or negative fires at the next {@link #advance}, even one
     *     of zero
     * @return a handle that cancels it
     */
    @Override
    public synchronized Timer schedule(Runnable task, Duration delay) {
        long due = now + Math.max(0, delay.toNanos());
        Scheduled timer = new Scheduled(due, sequence++, task);
        timers.add(timer);
        return () -> {
            synchronized (ManualClock.this) {
                timers.remove(timer);
            }
        };
    }

    /**
     * Moves the clock forward, firing every timer that falls due on the way, in order, on this
     * thread. Call it from the test, never from the world's update thread.
     *
     * @param by how far; zero fires what is due now
     * @throws IllegalArgumentException for a negative duration
     * @throws IllegalStateException when called from a timer it fires, or on the update thread of
     *     the world it serves
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, not by " + by);
        }
        if (advancing.isHeldByCurrentThread()) {
            throw new IllegalStateException("a timer cannot advance the clock that fired it");
        }
        TickLoop world = updateThread;
        if (world != null) {
            if (world.isCurrent()) {
                throw new IllegalStateException(
                        "advance the clock from the test, not on the world's update thread: its"
                                + " timers run on a host thread");
            }
            finishTheWorldsTick(world);
        }
        advancing.lock();
        try {
            long target;
            synchronized (this) {
                target = now + by.toNanos();
            }
            while (true) {
                Scheduled due;
                synchronized (this) {
                    due = timers.peek();
                    if (due == null || due.dueNanos() > target) {
                        now = target;
                        return;
                    }
                    timers.poll();
                    now = Math.max(now, due.dueNanos());
                }
                try {
                    due.task().run();
                } catch (RuntimeException e) {
                    LOG.error("a timer failed at {} ms", elapsed().toMillis(), e);
                }
            }
        } finally {
            advancing.unlock();
        }
    }

    /**
     * The world this clock serves: {@link #advance} refuses to run on its update thread, and lets
     * it finish its tick first.
     */
    void serve(TickLoop loop) {
        updateThread = loop;
    }

    /**
     * Waits until the world has finished the work it is doing now. An event is recorded while the
     * plugin is still at work on the update thread, and it may set a timer right after (a
     * keep-alive ping after {@code connected}): a test that saw the event then advances past that
     * timer, not before it.
     */
    private static void finishTheWorldsTick(TickLoop world) {
        try {
            world.call(() -> null, Waits.DEFAULT.toMillis());
        } catch (IllegalStateException stopped) {
            // the world has stopped: no tick to finish
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How far the test has moved the clock since it was made.
     *
     * @return the time passed on this clock
     */
    public Duration elapsed() {
        return Duration.ofNanos(now - ORIGIN_NANOS);
    }

    /**
     * Timers set and not yet fired or cancelled.
     *
     * @return their number
     */
    public synchronized int pendingTimers() {
        return timers.size();
    }

    /**
     * How long until the next timer falls due.
     *
     * @return the time from now, or empty when no timer is set
     */
    public synchronized Optional<Duration> nextTimerIn() {
        Scheduled next = timers.peek();
        return next == null
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, next.dueNanos() - now)));
    }

    @Override
    public String toString() {
        return "manual clock at +" + elapsed().toMillis() + " ms, " + pendingTimers() + " timer(s)";
    }
}
