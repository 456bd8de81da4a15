package dev.wsworld.websocket.runtime;

import dev.wsworld.api.host.HostTime;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The system's clock and one timer thread of the plugin's own ({@code wsworld-timers}), for hosts
 * that do not drive time themselves. Tasks only hand work to update threads, so one thread serves
 * every connection of the plugin.
 */
final class SystemTime implements HostTime, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;

    SystemTime() {
        executor =
                new ScheduledThreadPoolExecutor(
                        1,
                        runnable -> {
                            Thread thread = new Thread(runnable, "wsworld-timers");
                            thread.setDaemon(true);
                            return thread;
                        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /**
     * @throws java.util.concurrent.RejectedExecutionException once the plugin has stopped
     */
    @Override
    public Timer schedule(Runnable task, Duration delay) {
        var future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** The plugin's own periodic work (the stall check), always on real time. */
    void every(Runnable task, Duration period) {
        // the plugin's own checks catch what they throw; close() ends them with the executor
        var unused =
                executor.scheduleWithFixedDelay(
                        task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
