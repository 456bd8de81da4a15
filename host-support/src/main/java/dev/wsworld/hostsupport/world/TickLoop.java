package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.UpdateThread;
import dev.wsworld.common.text.TerminalText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world's update thread, ticking at a fixed rate. Each tick runs, in order: tasks posted before
 * it started, then the components that asked for an update, lowest UpdateOrder first (ties in
 * creation order). Components that did not ask are not touched.
 */
public final class TickLoop implements UpdateThread {
    private static final Logger LOG = LoggerFactory.getLogger(TickLoop.class);

    /**
     * UpdateOrder, then creation order; each component's key is taken once per tick, not per
     * comparison.
     */
    private static final Comparator<SimpleComponent> UPDATE_ORDER =
            Comparator.comparingLong(SimpleComponent::updateKey);

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<SimpleComponent> updates = new ConcurrentLinkedQueue<>();

    /** Run at the end of every tick, on the update thread. */
    private final List<Runnable> afterTick = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final ScheduledExecutorService executor;
    private final long periodNanos;
    private volatile Thread thread;
    private volatile long tick;
    private volatile long lastTickNanos;
    private volatile long longestTickNanos;

    /** The slowest tick rate: work handed to the loop waits a tick, and callers wait for it. */
    public static final double MIN_TICK_RATE = 1;

    /** The fastest tick rate. */
    public static final double MAX_TICK_RATE = 10_000;

    /** How much of a world's name its thread's name shows. */
    private static final int THREAD_NAME_LIMIT = 60;

    /**
     * A loop that has not started; {@link #start()} starts it.
     *
     * @param worldName the name of the world it updates; its thread is {@code world-update[NAME]}
     *     (escaped and cut to 60 characters), so logs and thread dumps tell worlds apart
     * @param ticksPerSecond the tick rate, from {@link #MIN_TICK_RATE} to {@link #MAX_TICK_RATE}
     *     (60 is usual)
     * @throws IllegalArgumentException for a rate out of range
     */
    public TickLoop(String worldName, double ticksPerSecond) {
        if (!(ticksPerSecond >= MIN_TICK_RATE && ticksPerSecond <= MAX_TICK_RATE)) {
            throw new IllegalArgumentException(
                    "tick rate must be from 1 to 10000 Hz, not " + ticksPerSecond);
        }
        periodNanos = Math.round(1e9 / ticksPerSecond);
        String threadName = "world-update[" + threadNamePart(worldName) + "]";
        ScheduledThreadPoolExecutor pool =
                new ScheduledThreadPoolExecutor(
                        1,
                        runnable -> {
                            Thread t = new Thread(runnable, threadName);
                            t.setDaemon(true);
                            return t;
                        });
        executor = pool;
    }

    private static String threadNamePart(String worldName) {
        String escaped = TerminalText.escape(worldName);
        return escaped.length() <= THREAD_NAME_LIMIT
                ? escaped
                : escaped.substring(0, THREAD_NAME_LIMIT) + "…";
    }

    /** Starts ticking, on a thread of its own named {@code world-update[NAME]}. */
    public void start() {
        executor.execute(() -> thread = Thread.currentThread());
        // runTick catches everything a tick throws, so the schedule never ends by itself
        var unused =
                executor.scheduleAtFixedRate(
                        this::runTick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops ticking after the current tick; tasks not yet run are dropped. */
    public void stop() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /**
     * Runs {@code hook} at the end of every tick, on the update thread; it must not block.
     *
     * @param hook the work
     */
    public void afterEachTick(Runnable hook) {
        afterTick.add(hook);
    }

    @Override
    public void post(Runnable task) {
        tasks.add(task);
    }

    @Override
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long tick() {
        return tick;
    }

    /**
     * How long the last tick's work took. Any thread.
     *
     * @return nanoseconds
     */
    public long lastTickNanos() {
        return lastTickNanos;
    }

    /**
     * How long the longest tick's work took so far. Any thread.
     *
     * @return nanoseconds
     */
    public long longestTickNanos() {
        return longestTickNanos;
    }

    /**
     * Runs {@code work} on the update thread and waits for its result; runs it directly when
     * already there. For console and host threads only, never for network threads.
     *
     * @param work the work
     * @param timeoutMillis how long to wait for it at most
     * @param <T> what the work returns
     * @return what the work returned
     * @throws Exception whatever the work threw; {@link IllegalStateException} when the update
     *     thread did not answer in time
     */
    public <T> T call(Callable<T> work, long timeoutMillis) throws Exception {
        if (isCurrent()) {
            return work.call();
        }
        if (executor.isShutdown()) {
            // nothing would ever run it: say so now rather than after the timeout
            throw new IllegalStateException("the world's update thread has stopped");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        post(
                () -> {
                    try {
                        result.complete(work.call());
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                });
        try {
            return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the world's update thread did not answer within " + timeoutMillis + " ms");
        }
    }

    void scheduleUpdate(SimpleComponent component) {
        updates.add(component);
    }

    // the update thread is the only writer of the figures others read
    @SuppressWarnings("NonAtomicVolatileUpdate")
    private void runTick() {
        long started = System.nanoTime();
        try {
            for (int pending = tasks.size(); pending > 0; pending--) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("world task failed", e);
                }
            }
            if (!updates.isEmpty()) {
                List<SimpleComponent> due = new ArrayList<>();
                for (SimpleComponent c; (c = updates.poll()) != null; ) {
                    c.takeUpdateKey();
                    due.add(c);
                }
                due.sort(UPDATE_ORDER);
                for (SimpleComponent component : due) {
                    try {
                        component.runUpdate();
                    } catch (RuntimeException e) {
                        LOG.error("update of {} failed", TerminalText.escape(component.id()), e);
                    }
                }
            }
            for (Runnable hook : afterTick) {
                hook.run();
            }
        } catch (Throwable t) {
            LOG.error("tick {} failed", tick, t);
        } finally {
            tick++;
            lastTickNanos = System.nanoTime() - started;
            if (lastTickNanos > longestTickNanos) {
                longestTickNanos = lastTickNanos;
            }
        }
    }
}
