package dev.wsworld.websocket.testing;

import dev.wsworld.api.host.HostTime;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Real time on a test's own executor. */
public record ExecutorTime(ScheduledExecutorService executor) implements HostTime {
    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(Runnable task, Duration delay) {
        var future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
