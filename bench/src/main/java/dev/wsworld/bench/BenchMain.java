package dev.wsworld.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.util.concurrent.atomic.AtomicLong;

import dev.wsworld.host.events.EventJournal;

/**
 * {@code java -jar bench/target/bench.jar [--quick] [--plugins DIR]}: the WebsocketClient component
 * against a raw Jetty 12 client doing the same work, in one run, with the server in another
 * process. Ends with one {@code name value} line per figure.
 */
public final class BenchMain {
    private static final List<String> SCENARIOS = List.of("throughput", "latency", "scale", "journal");
    private final boolean quick;
    private final Path plugins;
    private final Path config;
    private final Path jar;
    private final Map<String, String> summary = new LinkedHashMap<>();
    private int port;
    /** One scenario, or null for all. */
    private final String only;
    /** The last throughput round's delivery checks, as printed. */
    private String rawDelivery = "";
    private String componentDelivery = "";

    private BenchMain(boolean quick, Path plugins, String only) throws IOException {
        this.quick = quick;
        this.only = only;
        this.plugins = plugins;
        this.config = Files.createTempDirectory("wsworld-bench-config");
        try {
            this.jar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        writeConfig(config, "");
    }

    /**
     * The benchmark measures costs, not policy: generous limits, no per-tick cap; {@code moreDefaults}
     * adds keys under {@code defaults} for one scenario.
     */
    private static void writeConfig(Path directory, String moreDefaults) throws IOException {
        Files.writeString(directory.resolve("websocket-client.yaml"),
                "defaults: { deliveryBudgetPerTick: 1000000, inboundQueueLimit: 1000000, connectTimeout: 2s" + moreDefaults + " }\n"
                        + "limits: { connectionsPerUser: 20000, connectionsPerWorld: 20000, attemptsPerMinute: 1000000 }\n");
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String only = null;
        Path plugins = Path.of("plugins");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--plugins" -> plugins = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> {
                    System.err.println("usage: java -jar bench/target/bench.jar [--quick] [--plugins DIR]"
                            + " [--only " + String.join("|", SCENARIOS) + "]");
                    System.exit(2);
                }
            }
        }
        if (!Files.isRegularFile(plugins.resolve("websocket-plugin.jar"))) {
            System.err.println("no plugin at " + plugins.resolve("websocket-plugin.jar").toAbsolutePath()
                    + "; build with mvn -B package first");
            System.exit(2);
        }
        if (only != null && !SCENARIOS.contains(only)) {
            System.err.println("--only takes one of " + SCENARIOS + ", not '" + only + "'");
            System.exit(2);
        }
        new BenchMain(quick, plugins, only).run();
        System.exit(0);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        Process server = new ProcessBuilder(java(), "-Xmx1g", "-cp", jar.toString(), BenchServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = lines.readLine();
            if (ready == null || !ready.startsWith("PORT ")) {
                throw new IllegalStateException("the bench server did not start: " + ready);
            }
            port = Integer.parseInt(ready.substring(5).trim());
            System.out.printf(Locale.ROOT, "bench: %s run, server pid %d on 127.0.0.1:%d, %d cores, Java %s%n",
                    quick ? "quick" : "full", server.pid(), port, Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            if (runs("throughput")) {
                throughput();
            }
            if (runs("latency")) {
                latency();
            }
            if (runs("scale")) {
                scale();
            }
            if (runs("journal")) {
                journal();
            }
        } finally {
            server.getOutputStream().close();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroy();
        }
        System.out.printf(Locale.ROOT, "bench: finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
        summary.forEach((name, value) -> System.out.println(name + " " + value));
    }

    private boolean runs(String scenario) {
        return only == null || only.equals(scenario);
    }

    private String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ------------------------------------------------------------------ 1. throughput

    private void throughput() throws Exception {
        int clients = quick ? 20 : 50;
        int perClient = quick ? 15_000 : 100_000;
        URI url = URI.create("ws://127.0.0.1:" + port + "/stream?count=" + perClient + "&size=64");
        int rounds = quick ? 4 : 7;
        List<Double> raws = new ArrayList<>();
        List<Double> components = new ArrayList<>();
        // one host for all rounds, as a real host keeps its plugin loaded (and JIT-compiled); the first
        // round of each path only warms up; the paths take turns going first
        try (WorldHarness world = new WorldHarness(plugins, config, List.of("ws://127.0.0.1:" + port), 60)) {
            for (int round = 0; round < rounds; round++) {
                double raw;
                double component;
                if (round % 2 == 0) {
                    raw = rawThroughput(url, clients, perClient);
                    component = componentThroughput(world, "t" + round + "-", url, clients, perClient);
                } else {
                    component = componentThroughput(world, "t" + round + "-", url, clients, perClient);
                    raw = rawThroughput(url, clients, perClient);
                }
                System.out.printf(Locale.ROOT, "throughput round %d%s: raw Jetty %.0f msg/s (%s), component %.0f msg/s (%s)%n",
                        round + 1, round == 0 ? " (warm-up)" : "", raw, rawDelivery, component, componentDelivery);
                if (round > 0) {
                    raws.add(raw);
                    components.add(component);
                }
            }
        }
        double raw = median(raws);
        double component = median(components);
        System.out.printf(Locale.ROOT, "throughput: %d clients x %d messages of 64 B, median of %d rounds: raw Jetty %.0f msg/s, "
                + "component %.0f msg/s (delivered to world handlers)%n", clients, perClient, raws.size(), raw, component);
        summary.put("throughput.ratio", format(component / raw));
        summary.put("throughput.lost", "0"); // every round of both paths passed its delivery check, or the bench failed
    }

    /** Messages per second from the first message received to the last, so connection set-up does not count. */
    private double rawThroughput(URI url, int clients, int perClient) throws Exception {
        LongAdder received = new LongAdder();
        AtomicLong first = new AtomicLong();
        DeliveryCheck check = new DeliveryCheck();
        try (RawClients raw = new RawClients()) {
            for (int i = 0; i < clients; i++) {
                raw.connect(url, new RawListener(() -> { }, message -> {
                    if (first.get() == 0) {
                        first.compareAndSet(0, System.nanoTime());
                    }
                    check.accept(message);
                    received.increment();
                }));
            }
            long expected = (long) clients * perClient;
            awaitCount(received::sum, expected);
            double rate = expected / ((System.nanoTime() - first.get()) / 1e9);
            rawDelivery = check.verify(clients, perClient);
            return rate;
        }
    }

    private double componentThroughput(WorldHarness world, String prefix, URI url, int clients, int perClient)
            throws Exception {
        long[] delivered = new long[1];
        long[] first = new long[1];
        DeliveryCheck check = new DeliveryCheck();
        var added = world.addClients(prefix, clients, url, event -> {
            if (event.name().equals("text")) {
                if (delivered[0]++ == 0) { // world thread only
                    first[0] = System.nanoTime();
                }
                check.accept((String) event.data().get("data"));
            }
        });
        long expected = (long) clients * perClient;
        awaitCount(() -> world.loop.call(() -> delivered[0], 120_000), expected);
        double rate = expected / ((System.nanoTime() - world.loop.call(() -> first[0], 120_000)) / 1e9);
        componentDelivery = check.verify(clients, perClient);
        world.loop.call(() -> {
            added.forEach(component -> world.world.removeSlot(component.slot()));
            return null;
        }, 30_000);
        return rate;
    }

    private interface Counter {
        long get() throws Exception;
    }

    private static void awaitCount(Counter counter, long expected) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        long seen;
        while ((seen = counter.get()) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + expected + " messages arrived");
            }
            Thread.sleep(2);
        }
    }

    // ------------------------------------------------------------------ 2. latency

    private void latency() throws Exception {
        int samples = quick ? 300 : 1500;
        // every 7 ms, so arrivals fall at every phase of the 60 Hz tick
        URI url = URI.create("ws://127.0.0.1:" + port + "/clock?count=" + samples + "&size=7000");
        long[] raw = new long[samples];
        AtomicInteger rawCount = new AtomicInteger();
        CountDownLatch rawDone = new CountDownLatch(1);
        try (RawClients client = new RawClients()) {
            client.connect(url, new RawListener(() -> { }, message -> {
                int i = rawCount.getAndIncrement();
                if (i < samples) {
                    raw[i] = System.nanoTime() - Long.parseLong(message);
                }
                if (i + 1 == samples) {
                    rawDone.countDown();
                }
            }));
            if (!rawDone.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw latency run did not finish");
            }
        }
        long[] world = new long[samples];
        int[] worldCount = new int[1];
        CountDownLatch worldDone = new CountDownLatch(1);
        try (WorldHarness harness = new WorldHarness(plugins, config, List.of("ws://127.0.0.1:" + port), 60)) {
            harness.addClients("l", 1, url, event -> {
                if (event.name().equals("text") && worldCount[0] < samples) {
                    world[worldCount[0]++] = System.nanoTime() - Long.parseLong((String) event.get("data"));
                    if (worldCount[0] == samples) {
                        worldDone.countDown();
                    }
                }
            });
            if (!worldDone.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("world latency run did not finish");
            }
        }
        Percentiles rawP = new Percentiles(raw, samples);
        Percentiles worldP = new Percentiles(world, samples);
        System.out.printf(Locale.ROOT, "latency: server send -> handler, %d samples: raw Jetty (network thread) p50 %.3f ms p99 %.3f ms; "
                        + "component (world thread, 60 Hz) p50 %.3f ms p99 %.3f ms%n", samples,
                rawP.at(50) / 1e6, rawP.at(99) / 1e6, worldP.at(50) / 1e6, worldP.at(99) / 1e6);
        summary.put("latency.world.p99.ms", format(worldP.at(99) / 1e6));
    }

    // ------------------------------------------------------------------ 3 and 4. scale and idle ticks

    private void scale() throws Exception {
        int count = 10_000;
        Map<String, Double> raw = scaleRun("raw", count);
        Map<String, Double> component = scaleRun("component", count);
        System.out.printf(Locale.ROOT, "scale: %d idle connections, -Xmx1g: raw Jetty %.0f connected in %.0f ms, %.0f B heap each; "
                        + "component %.0f connected in %.0f ms, %.0f B heap each; idle tick p50 %.1f us, p99 %.1f us%n",
                count, raw.get("connected"), raw.get("storm.ms"), raw.get("heap.perConnection.bytes"),
                component.get("connected"), component.get("storm.ms"), component.get("heap.perConnection.bytes"),
                component.get("tick.p50.us"), component.get("tick.p99.us"));
        summary.put("connections.max", String.valueOf(Math.round(component.get("connected"))));
        summary.put("heap.perConnection.ratio", format(component.get("heap.perConnection.bytes") / raw.get("heap.perConnection.bytes")));
        summary.put("connect.storm.ratio", format(component.get("storm.ms") / raw.get("storm.ms")));
        summary.put("tick.idle10k.us", format(component.get("tick.p50.us")));
        compressedScale();
    }

    /**
     * permessage-deflate's cost when idle: 1,000 connections with {@code compression: on} (the bench
     * server accepts it, as Jetty does by default) against 1,000 without, each in its own JVM.
     */
    private void compressedScale() throws Exception {
        int count = 1_000;
        Path compressedConfig = Files.createTempDirectory("wsworld-bench-config-compressed");
        writeConfig(compressedConfig, ", compression: on");
        Map<String, Double> plain = scaleRun("component", count, config);
        Map<String, Double> compressed = scaleRun("component", count, compressedConfig);
        if (compressed.get("compressed") < compressed.get("connected")) {
            throw new IllegalStateException("only " + compressed.get("compressed") + " of " + compressed.get("connected")
                    + " connections negotiated compression");
        }
        System.out.printf(Locale.ROOT, "compression: %d idle connections, -Xmx1g: %.0f B heap each without, %.0f B with "
                        + "permessage-deflate (%.0f of %.0f negotiated it)%n", count, plain.get("heap.perConnection.bytes"),
                compressed.get("heap.perConnection.bytes"), compressed.get("compressed"), compressed.get("connected"));
        summary.put("heap.perConnection.compressed.bytes", String.valueOf(Math.round(compressed.get("heap.perConnection.bytes"))));
        summary.put("heap.perConnection.uncompressed1k.bytes", String.valueOf(Math.round(plain.get("heap.perConnection.bytes"))));
    }

    private Map<String, Double> scaleRun(String mode, int count) throws Exception {
        return scaleRun(mode, count, config);
    }

    private Map<String, Double> scaleRun(String mode, int count, Path configDirectory) throws Exception {
        Process run = new ProcessBuilder(java(), "-Xmx1g", "-cp", jar.toString(), ScaleRun.class.getName(), mode,
                String.valueOf(count), String.valueOf(port), plugins.toString(), configDirectory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Double> figures = new LinkedHashMap<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.add(line);
                String[] parts = line.trim().split(" ");
                if (parts.length == 2) {
                    try {
                        figures.put(parts[0], Double.parseDouble(parts[1]));
                    } catch (NumberFormatException ignored) {
                        // a log line, not a figure
                    }
                }
            }
        }
        if (!run.waitFor(300, TimeUnit.SECONDS) || run.exitValue() != 0 || !figures.containsKey("storm.ms")) {
            throw new IllegalStateException("scale run '" + mode + "' failed: " + output);
        }
        return figures;
    }

    // ------------------------------------------------------------------ 5. ticks while a script waits on a full journal

    /**
     * The host stub as a script uses it: the event journal full (100 000 events), 100 components
     * receiving 100 messages per second each, and two console threads waiting on events (one for
     * each next text of a slot, one for an event that never comes, so it looks at every event).
     * Reports the p99 of the world's tick time.
     */
    private void journal() throws Exception {
        int components = 100;
        int seconds = quick ? 5 : 20;
        int perComponent = 100 * (seconds + 5);
        URI url = URI.create("ws://127.0.0.1:" + port + "/clock?count=" + perComponent + "&size=10000");
        try (WorldHarness world = new WorldHarness(plugins, config, List.of("ws://127.0.0.1:" + port), 60)) {
            EventJournal journal = world.recordToJournal();
            world.fillJournal(EventJournal.CAPACITY);
            LongAdder texts = new LongAdder();
            world.addClients("j", components, url, event -> {
                if (event.name().equals("text")) {
                    texts.increment();
                }
            });
            awaitCount(texts::sum, components * 100L); // every client streaming, about a second
            AtomicInteger stop = new AtomicInteger();
            List<Thread> waiters = List.of(
                    waiter("next-text", stop, () -> journal.await(journal.lastSequence(), EventJournal.on("j0", "text"), 10_000)),
                    waiter("never", stop, () -> journal.await(journal.lastSequence(), EventJournal.on("j0", "never"), 1_000)));
            waiters.forEach(Thread::start);
            long[] ticks = new long[seconds * 60];
            long[] cpu = new long[ticks.length];
            int[] count = new int[1];
            CountDownLatch sampled = new CountDownLatch(1);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            world.loop.post(new Runnable() {
                private long lastCpu = -1;

                @Override
                public void run() {
                    // first thing in a tick: the previous tick's wall time, and the world thread's CPU time since
                    long now = threads.getCurrentThreadCpuTime();
                    if (lastCpu >= 0 && count[0] < ticks.length) {
                        cpu[count[0]] = now - lastCpu;
                        ticks[count[0]++] = world.loop.lastTickNanos();
                    }
                    lastCpu = now;
                    if (count[0] < ticks.length) {
                        world.loop.post(this);
                    } else {
                        sampled.countDown();
                    }
                }
            });
            if (!sampled.await(seconds * 3L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the world did not tick " + ticks.length + " times");
            }
            stop.set(1);
            for (Thread waiter : waiters) {
                waiter.join(15_000);
            }
            Percentiles p = new Percentiles(ticks, count[0]);
            Percentiles c = new Percentiles(cpu, count[0]);
            System.out.printf(Locale.ROOT, "journal: %d components x 100 msg/s, journal holding %d events, 2 threads waiting "
                            + "on events, %d ticks: tick (wall) p50 %.1f us, p99 %.1f us, max %.1f us; world thread CPU per "
                            + "tick p50 %.1f us, p99 %.1f us%n", components, journal.lastSequence() - journal.firstKept() + 1,
                    count[0], p.at(50) / 1e3, p.at(99) / 1e3, p.at(100) / 1e3, c.at(50) / 1e3, c.at(99) / 1e3);
            summary.put("tick.journal.cpu.p99.us", format(c.at(99) / 1e3));
            summary.put("tick.journal.p99.us", format(p.at(99) / 1e3));
        }
    }

    private interface Wait {
        void once() throws InterruptedException;
    }

    private static Thread waiter(String name, AtomicInteger stop, Wait wait) {
        Thread thread = new Thread(() -> {
            try {
                while (stop.get() == 0) {
                    wait.once();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-wait-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
