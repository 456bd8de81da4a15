package dev.wsworld.bench;

import dev.wsworld.api.websocketclient.WebsocketClientFields;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.world.ComponentEventListener;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.TickLoop;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One scale measurement in its own JVM (started with -Xmx1g): N idle connections through the
 * component path or the raw Jetty path. Prints {@code key value} lines; {@code compressed} counts
 * the component's connections that negotiated permessage-deflate. Arguments: {@code component|raw N
 * PORT PLUGINS_DIR CONFIG_DIR [probe]} ({@code -Dbench.worlds=W}: the component's N connections
 * spread over W worlds of one host, each world's ticks reported, without the journal); with {@code
 * probe} the component run goes on adding connections past N (see {@link #probe}). {@code
 * -Dbench.ticks=N}: how many idle ticks the component run samples (300, 0 for none); {@code
 * -Dbench.holdMillis=N}: stay N ms with every connection open before exiting, for a class
 * histogram.
 */
public final class ScaleRun {
    private ScaleRun() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int count = Integer.parseInt(args[1]);
        URI url = URI.create("ws://127.0.0.1:" + args[2] + "/idle");
        boolean probe = args.length > 5 && args[5].equals("probe");
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger compressed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        if (mode.equals("raw")) {
            try (RawClients raw = new RawClients()) {
                long baseline = usedHeapAfterGc();
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    var unused =
                            raw.connect(
                                            url,
                                            new RawListener(connected::incrementAndGet, text -> {}))
                                    .whenComplete(
                                            (s, e) -> {
                                                if (e != null) {
                                                    failed.incrementAndGet();
                                                }
                                            });
                }
                long storm = awaitOutcomes(connected, failed, count, start);
                report(count, connected.get(), failed.get(), storm, baseline);
            }
        } else {
            // 0: one world, whose idle ticks are sampled with the console's journal attached; W:
            // W worlds, none with a journal, so one world and ten compare
            int worlds = Integer.getInteger("bench.worlds", 0);
            int worldCount = Math.max(1, worlds);
            try (WorldHarness world =
                    new WorldHarness(
                            Path.of(args[3]),
                            Path.of(args[4]),
                            List.of("ws://127.0.0.1:" + args[2]),
                            60,
                            worldCount)) {
                ComponentEventListener outcomes =
                        event -> {
                            if (event.name().equals("connected")) {
                                if (Boolean.TRUE.equals(event.data().get("compressed"))) {
                                    compressed.incrementAndGet();
                                }
                                connected.incrementAndGet();
                            } else if (event.name().equals("connectFailed")
                                    || event.name().equals("denied")) {
                                firstFailure.compareAndSet(
                                        null, String.valueOf(event.data().get("error")));
                                failed.incrementAndGet();
                            }
                        };
                long baseline = usedHeapAfterGc();
                long start = System.nanoTime();
                for (SimpleWorld each : world.worlds) {
                    world.addClients(each, "c", count / worldCount, url, outcomes);
                }
                long storm = awaitOutcomes(connected, failed, count, start);
                report(count, connected.get(), failed.get(), storm, baseline);
                System.out.println("open " + openConnections(world));
                System.out.println("compressed " + compressed.get());
                if (firstFailure.get() != null) {
                    System.out.println("firstFailure " + firstFailure.get().replace(' ', '_'));
                }
                int tickCount = Integer.getInteger("bench.ticks", 300);
                if (tickCount > 0 && worlds == 0) {
                    // idle ticks as the host stub runs them, every event going to the console's
                    // journal; attached after the heap was measured, so that figure counts
                    // connections, not logged events
                    world.recordToJournal();
                    Thread.sleep(1000);
                }
                List<Percentiles> ticks = idleTicks(world.worlds, tickCount);
                // 0 when no tick was sampled
                System.out.println("tick.p50.us " + ticks.get(0).at(50) / 1000.0);
                System.out.println("tick.p99.us " + ticks.get(0).at(99) / 1000.0);
                for (int i = 0; i < worldCount && worldCount > 1; i++) {
                    System.out.println(
                            "world" + i + ".tick.p50.us " + ticks.get(i).at(50) / 1000.0);
                    System.out.println(
                            "world" + i + ".tick.p99.us " + ticks.get(i).at(99) / 1000.0);
                }
                if (probe) {
                    probe(world, url, count, connected, failed, firstFailure, outcomes);
                }
            }
        }
        System.out.flush();
        System.exit(0);
    }

    /**
     * Adds {@link #PROBE_STEP} more idle components at a time, until a step has a failure or does
     * not open every connection; {@code max} is the last count at which every component counted was
     * open (IsConnected, checked one by one on the update thread), {@code max.stop} says why it
     * stopped.
     */
    private static void probe(
            WorldHarness world,
            URI url,
            int start,
            AtomicInteger connected,
            AtomicInteger failed,
            AtomicReference<String> firstFailure,
            ComponentEventListener outcomes)
            throws Exception {
        int max = openConnections(world);
        String stop = max < start ? "only " + max + " of " + start + " open before probing" : null;
        for (int step = 1; stop == null; step++) {
            int target = start + step * PROBE_STEP;
            world.addClients("p" + step + "-", PROBE_STEP, url, outcomes);
            awaitOutcomes(connected, failed, target, System.nanoTime());
            int open = openConnections(world);
            System.out.println("probe " + target + " open " + open + " failed " + failed.get());
            if (failed.get() > 0 || open < target) {
                stop =
                        failed.get() > 0
                                ? "connect failures at " + target + ": " + firstFailure.get()
                                : "only " + open + " of " + target + " open";
            } else {
                max = target;
            }
        }
        System.out.println("max " + max);
        System.out.println("max.stop " + stop.replace(' ', '_'));
    }

    private static final int PROBE_STEP = 1_000;

    /** The next {@code count} ticks of every world, each world's own lengths. */
    private static List<Percentiles> idleTicks(List<SimpleWorld> worlds, int count)
            throws InterruptedException {
        long[][] ticks = new long[worlds.size()][count];
        int[] sampled = new int[worlds.size()];
        long[] seen = new long[worlds.size()];
        for (int w = 0; w < worlds.size(); w++) {
            seen[w] = worlds.get(w).updateThread().tick();
        }
        for (boolean done = count == 0; !done; ) {
            done = true;
            for (int w = 0; w < worlds.size(); w++) {
                TickLoop loop = worlds.get(w).updateThread();
                long now = loop.tick();
                if (now != seen[w] && sampled[w] < count) {
                    seen[w] = now;
                    ticks[w][sampled[w]++] = loop.lastTickNanos();
                }
                done &= sampled[w] == count;
            }
            Thread.sleep(1);
        }
        List<Percentiles> percentiles = new ArrayList<>();
        for (int w = 0; w < worlds.size(); w++) {
            percentiles.add(new Percentiles(ticks[w], sampled[w]));
        }
        return percentiles;
    }

    /** Components whose IsConnected is true, read on each world's update thread. */
    private static int openConnections(WorldHarness harness) throws Exception {
        int open = 0;
        for (SimpleWorld world : harness.worlds) {
            open +=
                    world.updateThread()
                            .call(
                                    () ->
                                            (int)
                                                    world.components().stream()
                                                            .filter(ScaleRun::isOpen)
                                                            .count(),
                                    60_000);
        }
        return open;
    }

    private static boolean isOpen(SimpleComponent component) {
        return component.typeName().equals(WebsocketClientNodes.TYPE)
                && Boolean.TRUE.equals(component.field(WebsocketClientFields.IS_CONNECTED).get());
    }

    /**
     * Waits until every connection opened or failed (three minutes at most); returns the
     * nanoseconds since {@code start}.
     */
    private static long awaitOutcomes(
            AtomicInteger connected, AtomicInteger failed, int count, long start)
            throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (connected.get() + failed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return System.nanoTime() - start;
    }

    /**
     * Longer than the bench's connect timeout: handshake timers of the storm have expired, as on an
     * idle host.
     */
    private static final long IDLE_BEFORE_HEAP_MILLIS = 3_000;

    private static void report(
            int count, int connected, int failed, long stormNanos, long baselineHeap)
            throws InterruptedException {
        Thread.sleep(IDLE_BEFORE_HEAP_MILLIS);
        long used = usedHeapAfterGc();
        System.out.println("connected " + connected);
        System.out.println("failed " + failed);
        System.out.println("storm.ms " + stormNanos / 1_000_000.0);
        System.out.println(
                "heap.perConnection.bytes " + (used - baselineHeap) / Math.max(1, count));
        System.out.flush();
        Thread.sleep(
                Long.getLong(
                        "bench.holdMillis",
                        0)); // every connection still open: time for jcmd, when profiling
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
