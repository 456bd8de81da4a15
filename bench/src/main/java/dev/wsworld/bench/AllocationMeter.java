package dev.wsworld.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated by the threads of this JVM between {@link #start} and {@link #allocated}, from
 * the JVM's per-thread counters: a thread alive at both ends counts its difference, one started in
 * between counts whole, and one that ended in between is missed (the figure is then low, never
 * high). The bench server runs in a process of its own, so only the client side is counted.
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> before;

    private AllocationMeter(Map<Long, Long> before) {
        this.before = before;
    }

    static AllocationMeter start() {
        return new AllocationMeter(now());
    }

    /** Bytes allocated since {@link #start}. */
    long allocated() {
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
