package dev.wsworld.api.host;

import java.time.Duration;

/**
 * The time a plugin's rules run on: the clock it reads and the timers it sets for retries,
 * keep-alive pings, close timeouts and rate windows. A host hands its own through {@link
 * HostContext#time()} to drive time itself, as a test kit's manual clock does: a retry due after
 * ten seconds then happens when the host says ten seconds have passed, without anyone waiting.
 * Without one, a plugin runs on the system's clock and timers of its own.
 *
 * <p>Time spent on the world's update thread (a world's delivery budget) is always measured on the
 * system's clock: it is about real work, not about the rules.
 */
public interface HostTime {
    /**
     * Now, monotonic, as {@link System#nanoTime()} counts.
     *
     * @return nanoseconds from an arbitrary origin
     */
    long nanoTime();

    /**
     * Runs {@code task} once, {@code delay} from now, on a thread of the host's (not the update
     * thread). The task must not block; it only hands work to the update thread.
     *
     * @param task the work
     * @param delay how long from now; zero or negative runs it at the next chance
     * @return a handle that cancels it
     */
    Timer schedule(Runnable task, Duration delay);

    /** A task set with {@link #schedule}. */
    interface Timer {
        /** The task will not run if it has not yet; nothing happens when it already ran. */
        void cancel();
    }
}
