package dev.wsworld.bench;

import dev.wsworld.api.world.ComponentEventListener;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Two hundred components flood one world from the bench server's {@code /flood}, on the shipped
 * defaults (one bench user may hold them all): how long the world's ticks get, how evenly the
 * world's time budget is shared, and whether anything is lost.
 *
 * <p>Figures: {@code flood.tick.p50.ms}, {@code flood.tick.p99.ms} and {@code flood.tick.max.ms}
 * (the world's whole tick, as {@code lastTickMicros} reports it), {@code flood.tickInterval.p99.ms}
 * (from one tick to the next, by wall clock: 16.7 ms at 60 Hz while ticks keep up), {@code
 * flood.fairness} (in a window while every stream flows, the least-served connection's messages
 * against the most-served's), {@code flood.msgPerSec} (what the world took in that window) and
 * {@code flood.lost} (after every stream ended, each checked message by message).
 */
final class FloodRun {
    static final int FLOODERS = 200;

    private FloodRun() {}

    static Map<String, String> run(Path plugins, Path config, int port, boolean quick)
            throws Exception {
        int perClient = quick ? 20_000 : 60_000;
        long windowMillis = quick ? 3_000 : 8_000;
        URI url = URI.create("ws://127.0.0.1:" + port + "/flood?count=" + perClient + "&size=64");
        DeliveryCheck check = new DeliveryCheck();
        LongAdder delivered = new LongAdder();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure =
                new java.util.concurrent.atomic.AtomicReference<>();
        ComponentEventListener listener =
                event -> {
                    switch (event.name()) {
                        case "text" -> {
                            check.accept(String.valueOf(event.data().get("data")));
                            delivered.increment();
                        }
                        case "connected" -> connected.incrementAndGet();
                        case "connectFailed", "denied", "disconnected" -> {
                            firstFailure.compareAndSet(null, event.name() + " " + event.data());
                            failed.incrementAndGet();
                        }
                        default -> {}
                    }
                };
        Map<String, String> figures = new LinkedHashMap<>();
        try (WorldHarness world =
                new WorldHarness(plugins, config, List.of("ws://127.0.0.1:" + port), 60)) {
            TickRecorder ticks = new TickRecorder(world);
            world.addClients("flood", FLOODERS, url, listener);
            await(() -> connected.get() + failed.get() >= FLOODERS, 60, "every flood to connect");
            if (failed.get() > 0) {
                throw new IllegalStateException(
                        failed.get()
                                + " floods failed to connect, the first: "
                                + firstFailure.get());
            }
            // every stream is heard, and the inboxes have filled: the budget binds from here
            await(
                    () -> check.receivedByConnection().size() == FLOODERS,
                    60,
                    "a message from every stream");
            await(() -> delivered.sum() >= FLOODERS * 512L, 60, "the floods to flow");
            ticks.recording(true);
            Map<String, Long> before = check.receivedByConnection();
            long started = System.nanoTime();
            Thread.sleep(windowMillis);
            Map<String, Long> after = check.receivedByConnection();
            double seconds = (System.nanoTime() - started) / 1e9;
            ticks.recording(false);

            long least = Long.MAX_VALUE;
            long most = 0;
            long sum = 0;
            for (Map.Entry<String, Long> entry : after.entrySet()) {
                if (entry.getValue() >= perClient) {
                    throw new IllegalStateException(
                            "a stream ended inside the window: make the streams longer");
                }
                long served = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
                least = Math.min(least, served);
                most = Math.max(most, served);
                sum += served;
            }
            if (after.size() != FLOODERS) {
                throw new IllegalStateException(
                        "only " + after.size() + " of " + FLOODERS + " streams were heard");
            }
            await(
                    () -> delivered.sum() >= (long) FLOODERS * perClient,
                    600,
                    "every stream's messages");
            String delivery = check.verify(FLOODERS, perClient);

            Percentiles tick = ticks.durations();
            Percentiles gap = ticks.gaps();
            System.out.printf(
                    Locale.ROOT,
                    "flood: %d components x %d messages of 64 B into one world, shipped budget;"
                            + " in %.1f s while all flowed: %d ticks, tick p50 %.2f ms, p99 %.2f"
                            + " ms, max %.2f ms, interval p99 %.2f ms; %.0f msg/s; per connection"
                            + " least %d, most %d; after all ended: %s%n",
                    FLOODERS,
                    perClient,
                    seconds,
                    ticks.count(),
                    tick.at(50) / 1e6,
                    tick.at(99) / 1e6,
                    tick.at(100) / 1e6,
                    gap.at(99) / 1e6,
                    sum / seconds,
                    least,
                    most,
                    delivery);
            figures.put("flood.tick.p50.ms", format(tick.at(50) / 1e6));
            figures.put("flood.tick.p99.ms", format(tick.at(99) / 1e6));
            figures.put("flood.tick.max.ms", format(tick.at(100) / 1e6));
            figures.put("flood.tickInterval.p99.ms", format(gap.at(99) / 1e6));
            figures.put("flood.fairness", format(least / (double) most));
            figures.put("flood.msgPerSec", String.valueOf(Math.round(sum / seconds)));
            figures.put("flood.lost", "0"); // verify threw otherwise
        }
        return figures;
    }

    private static void await(Condition condition, long seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + seconds + " s for " + what);
            }
            Thread.sleep(5);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean met();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * Records each tick's length and the gap since the tick before, on the world's thread, while
     * recording is on. A tick's hooks run before its length is known, so each sample is the tick
     * before: the same distribution.
     */
    private static final class TickRecorder {
        private final WorldHarness world;
        private final long[] durations = new long[100_000];
        private final long[] gaps = new long[100_000];
        private volatile boolean recording;

        /** World thread only, and read after {@link #recording(boolean)} off, through the loop. */
        private int count;

        private long lastEnd;

        TickRecorder(WorldHarness world) {
            this.world = world;
            world.loop.afterEachTick(this::sample);
        }

        private void sample() {
            long now = System.nanoTime();
            if (recording && lastEnd != 0 && count < durations.length) {
                durations[count] = world.loop.lastTickNanos();
                gaps[count] = now - lastEnd;
                count++;
            }
            lastEnd = now;
        }

        void recording(boolean on) throws Exception {
            recording = on;
            world.loop.call(() -> null, 30_000); // a tick has seen it
        }

        int count() throws Exception {
            return world.loop.call(() -> count, 30_000);
        }

        Percentiles durations() throws Exception {
            return new Percentiles(durations, count());
        }

        Percentiles gaps() throws Exception {
            return new Percentiles(gaps, count());
        }
    }
}
