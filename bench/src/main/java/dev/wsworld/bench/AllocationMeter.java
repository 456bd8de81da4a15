package dev.wsworld.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated by the threads of this JVM between {@link #start} and {@link #allocated}, from
 * the JVM's per-thread counters: a thread alive at both ends counts its difference, one started in
 * between counts whole, and one that ended in between is missed: a path's client is measured with
 * {@link #stop} before it closes. The bench server runs in a process of its own, so only the client
 * side is counted.
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> before;

    /** Set by {@link #stop}: what was allocated then, -1 before. */
    private long stopped = -1;

    private AllocationMeter(Map<Long, Long> before) {
        this.before = before;
    }

    static AllocationMeter start() {
        return new AllocationMeter(now());
    }

    /**
     * Reads the counters now, before a client closes and its threads end (an ended thread's bytes
     * are lost to the counters); {@link #allocated} then returns this.
     */
    void stop() {
        if (stopped < 0) {
            stopped = count();
        }
    }

    /** Bytes allocated from {@link #start} to {@link #stop}, or to now when not stopped. */
    long allocated() {
        return stopped >= 0 ? stopped : count();
    }

    private long count() {
        long total = 0;
        for (Map.Entry<Long, Long> thread : now().entrySet()) {
            total += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return total;
    }

    private static Map<Long, Long> now() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> all = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                all.put(ids[i], bytes[i]);
            }
        }
        return all;
    }
}
