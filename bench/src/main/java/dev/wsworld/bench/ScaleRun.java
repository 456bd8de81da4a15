package dev.wsworld.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scale measurement in its own JVM (started with -Xmx1g): N idle connections through the
 * component path or the raw Jetty path. Prints {@code key value} lines; {@code compressed} counts the
 * component's connections that negotiated permessage-deflate.
 * Arguments: {@code component|raw N PORT PLUGINS_DIR CONFIG_DIR}.
 */
public final class ScaleRun {
    private ScaleRun() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int count = Integer.parseInt(args[1]);
        URI url = URI.create("ws://127.0.0.1:" + args[2] + "/idle");
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger compressed = new AtomicInteger();
        if (mode.equals("raw")) {
            try (RawClients raw = new RawClients()) {
                long baseline = usedHeapAfterGc();
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    raw.connect(url, new RawListener(connected::incrementAndGet, text -> { })).whenComplete((s, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                    });
                }
                long storm = awaitOutcomes(connected, failed, count, start);
                report(count, connected.get(), failed.get(), storm, baseline);
            }
        } else {
            try (WorldHarness world = new WorldHarness(Path.of(args[3]), Path.of(args[4]),
                    List.of("ws://127.0.0.1:" + args[2]), 60)) {
                long baseline = usedHeapAfterGc();
                long start = System.nanoTime();
                world.addClients("c", count, url, event -> {
                    if (event.name().equals("connected")) {
                        if (Boolean.TRUE.equals(event.data().get("compressed"))) {
                            compressed.incrementAndGet();
                        }
                        connected.incrementAndGet();
                    } else if (event.name().equals("connectFailed") || event.name().equals("denied")) {
                        failed.incrementAndGet();
                    }
                });
                long storm = awaitOutcomes(connected, failed, count, start);
                report(count, connected.get(), failed.get(), storm, baseline);
                System.out.println("compressed " + compressed.get());
                Thread.sleep(1000);
                long[] ticks = new long[300];
                long seen = world.loop.tick();
                for (int i = 0; i < ticks.length; ) {
                    long now = world.loop.tick();
                    if (now != seen) {
                        seen = now;
                        ticks[i++] = world.loop.lastTickNanos();
                    } else {
                        Thread.sleep(1);
                    }
                }
                Percentiles tick = new Percentiles(ticks, ticks.length);
                System.out.println("tick.p50.us " + tick.at(50) / 1000.0);
                System.out.println("tick.p99.us " + tick.at(99) / 1000.0);
            }
        }
        System.out.flush();
        System.exit(0);
    }

    /** Waits until every connection opened or failed (three minutes at most); returns the nanoseconds since {@code start}. */
    private static long awaitOutcomes(AtomicInteger connected, AtomicInteger failed, int count, long start)
            throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (connected.get() + failed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return System.nanoTime() - start;
    }

    /** Longer than the bench's connect timeout: handshake timers of the storm have expired, as on an idle host. */
    private static final long IDLE_BEFORE_HEAP_MILLIS = 3_000;

    private static void report(int count, int connected, int failed, long stormNanos, long baselineHeap) throws InterruptedException {
        Thread.sleep(IDLE_BEFORE_HEAP_MILLIS);
        long used = usedHeapAfterGc();
        System.out.println("connected " + connected);
        System.out.println("failed " + failed);
        System.out.println("storm.ms " + stormNanos / 1_000_000.0);
        System.out.println("heap.perConnection.bytes " + (used - baselineHeap) / Math.max(1, count));
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
