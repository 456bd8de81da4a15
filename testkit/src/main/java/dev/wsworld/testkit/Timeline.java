package dev.wsworld.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * Things recorded in order by other threads (events, frames, connections), and waits for them.
 * Adding never blocks for long: a recording thread (the world's update thread, a server thread)
 * only takes the monitor to append.
 */
final class Timeline<T> {
    private final List<T> items = new ArrayList<>();
    private boolean ended;

    synchronized void add(T item) {
        items.add(item);
        notifyAll();
    }

    /** Nothing more will come: waits stop at once instead of running out their time. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized List<T> snapshot() {
        return List.copyOf(items);
    }

    synchronized int size() {
        return items.size();
    }

    synchronized T get(int index) {
        return items.get(index);
    }

    /**
     * The index of the first item at or after {@code from} that matches, waiting for it.
     *
     * @return the index, or -1 when none came within the timeout or the timeline ended without one
     */
    synchronized int awaitIndex(int from, Predicate<? super T> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = from;
        while (true) {
            for (; checked < items.size(); checked++) {
                if (matches.test(items.get(checked))) {
                    return checked;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                return -1;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted while waiting", e);
            }
        }
    }

    /** Lists the items, one a line, for a failure message. */
    static String describe(List<?> items) {
        if (items.isEmpty()) {
            return "  (none)";
        }
        StringBuilder text = new StringBuilder();
        for (Object item : items) {
            text.append("  ").append(item).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
