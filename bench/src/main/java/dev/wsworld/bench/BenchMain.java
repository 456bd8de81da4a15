package dev.wsworld.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.wsworld.host.events.EventJournal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Session;

/**
 * {@code java -jar bench/target/bench.jar [--quick] [--plugins DIR]}: the WebsocketClient component
 * against a raw Jetty 12 client doing the same work, in one run, with the server in another
 * process. Ends with one {@code name value} line per figure.
 */
public final class BenchMain {
    private static final List<String> SCENARIOS =
            List.of("throughput", "latency", "flood", "scale", "worlds", "journal", "inspector");
    private final boolean quick;
    private final Path plugins;
    private final Path jar;
    private final Map<String, String> summary = new LinkedHashMap<>();
    private int port;

    /** One scenario, or null for all. */
    private final String only;

    private BenchMain(boolean quick, Path plugins, String only) throws IOException {
        this.quick = quick;
        this.only = only;
        this.plugins = plugins;
        try {
            this.jar =
                    Path.of(
                            BenchMain.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** What one scenario's {@code websocket-client.yaml} holds (empty: no file at all), and why. */
    private record Settings(String yaml, String why) {}

    private static final String ONE_BENCH_USER =
            "limits: { connectionsPerUser: 20000, attemptsPerMinute: 1000000 }";
    private static final String ONE_BENCH_USER_WHY =
            "one bench user handles every connection, where a world spreads them"
                    + " over its users";

    /**
     * Every setting a scenario changes from the shipped defaults, and why: printed at the start of
     * a run and listed in docs/benchmarks.md. Each scenario's config directory holds exactly this
     * text.
     */
    private static final Map<String, Settings> SETTINGS = settings();

    private static Map<String, Settings> settings() {
        Map<String, Settings> settings = new LinkedHashMap<>();
        settings.put(
                "cost",
                new Settings(
                        "defaults: { deliveryBudgetPerTick: 1000000, inboundQueueLimit: 1000000 }\n"
                                + "limits: { connectionsPerUser: 20000, attemptsPerMinute: 1000000,"
                                + " deliveryTimePerTick: 1s }",
                        "throughput: "
                                + ONE_BENCH_USER_WHY
                                + "; the ratio measures the plugin's cost per message, not the"
                                + " per-tick caps (count and time), which throughput.defaults.ratio"
                                + " measures"));
        settings.put(
                "shipped",
                new Settings(
                        "", "throughput.defaults: what a world really gets from fast servers"));
        settings.put(
                "loaded",
                new Settings(ONE_BENCH_USER, "latency and journal: " + ONE_BENCH_USER_WHY));
        settings.put(
                "flood",
                new Settings(
                        ONE_BENCH_USER,
                        "flood: "
                                + ONE_BENCH_USER_WHY
                                + "; the world's time budget is the shipped one"));
        settings.put(
                "scale",
                new Settings(
                        "defaults: { connectTimeout: 2s }\n" + ONE_BENCH_USER,
                        "heap, storm and maximum: "
                                + ONE_BENCH_USER_WHY
                                + "; the storm's handshake timers (the raw client's are 2 s too)"
                                + " have expired when heap is measured 3 s later"));
        settings.put(
                "worlds",
                new Settings(
                        "defaults: { connectTimeout: 5s }\n" + ONE_BENCH_USER,
                        "worlds: as scale, with handshakes given 5 s: ten worlds' storms run"
                                + " side by side; both set-ups use it, so their heap compares"));
        settings.put(
                "scaleCompressed",
                new Settings(
                        "defaults: { connectTimeout: 2s, compression: on }\n" + ONE_BENCH_USER,
                        "compression's heap: as scale, with permessage-deflate offered"));
        settings.put(
                "idleTicks",
                new Settings(
                        "defaults: { connectTimeout: 2s, keepAlivePing: 20s }\n" + ONE_BENCH_USER,
                        "idle ticks: as scale, measured with ping timers running and the event"
                                + " journal attached"));
        settings.put(
                "inspector",
                new Settings(
                        "network: { blockPrivateAddresses: false }\nlimits: { connectionsPerUser:"
                                + " 20000, attemptsPerMinute: 1000000, promptsPerMinute: 1000 }",
                        "inspector: a host stub as --inspect runs it, whose worlds reach the bench"
                                + " server on loopback as a world file's would (nobody vouches for"
                                + " it, so each client's user is asked, and says yes at once); "
                                + ONE_BENCH_USER_WHY));
        return settings;
    }

    private final Map<String, Path> configs = new LinkedHashMap<>();

    private Path config(String scenario) throws IOException {
        Path directory = configs.get(scenario);
        if (directory == null) {
            directory = Files.createTempDirectory("wsworld-bench-" + scenario);
            String yaml = SETTINGS.get(scenario).yaml();
            if (!yaml.isEmpty()) {
                Files.writeString(directory.resolve("websocket-client.yaml"), yaml + "\n");
            }
            configs.put(scenario, directory);
        }
        return directory;
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
                    System.err.println(
                            "usage: java -jar bench/target/bench.jar [--quick] [--plugins DIR]"
                                    + " [--only "
                                    + String.join("|", SCENARIOS)
                                    + "]");
                    System.exit(2);
                }
            }
        }
        if (!Files.isRegularFile(plugins.resolve("websocket-plugin.jar"))) {
            System.err.println(
                    "no plugin at "
                            + plugins.resolve("websocket-plugin.jar").toAbsolutePath()
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
        // at the file limit the server's acceptor fails on every try; the probe reports that once,
        // not as traces
        Process server =
                new ProcessBuilder(
                                java(),
                                "-Xmx1g",
                                "-Dorg.slf4j.simpleLogger.log.org.eclipse.jetty.server.AbstractConnector=off",
                                "-cp",
                                jar.toString(),
                                BenchServer.class.getName())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        try {
            BufferedReader lines =
                    new BufferedReader(
                            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = lines.readLine();
            if (ready == null || !ready.startsWith("PORT ")) {
                throw new IllegalStateException("the bench server did not start: " + ready);
            }
            port = Integer.parseInt(ready.substring(5).trim());
            System.out.printf(
                    Locale.ROOT,
                    "bench: %s run, server pid %d on 127.0.0.1:%d, %d cores, Java %s%n",
                    quick ? "quick" : "full",
                    server.pid(),
                    port,
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            System.out.println("bench: settings changed from the shipped defaults, by scenario:");
            SETTINGS.forEach(
                    (scenario, settings) ->
                            System.out.printf(
                                    Locale.ROOT,
                                    "  %-16s %s%n  %-16s (%s)%n",
                                    scenario,
                                    settings.yaml().isEmpty()
                                            ? "no websocket-client.yaml at all"
                                            : settings.yaml().replace("\n", " "),
                                    "",
                                    settings.why()));
            if (runs("throughput")) {
                throughputWithDefaults(throughput());
            }
            if (runs("latency")) {
                latency();
            }
            if (runs("flood")) {
                summary.putAll(FloodRun.run(plugins, config("flood"), port, quick));
            }
            if (runs("scale")) {
                scale();
            }
            if (runs("worlds")) {
                worlds();
            }
            if (runs("journal")) {
                journal();
            }
            if (runs("inspector")) {
                summary.putAll(
                        InspectorRun.run(
                                plugins,
                                config("inspector"),
                                port,
                                quick,
                                Files.createTempDirectory("wsworld-bench-inspector")));
            }
        } finally {
            server.getOutputStream().close();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroy();
        }
        System.out.printf(
                Locale.ROOT, "bench: finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
        summary.forEach((name, value) -> System.out.println(name + " " + value));
    }

    private boolean runs(String scenario) {
        return only == null || only.equals(scenario);
    }

    private String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ------------------------------------------------------------------ 1. throughput

    /**
     * Opens {@code clients} streams of one raw client, each message to the callback; closing stops
     * the client.
     */
    private interface RawOpener {
        AutoCloseable open(URI url, int clients, Consumer<String> onMessage) throws Exception;
    }

    /** A raw client the component is compared with. */
    private record RawPath(String description, RawOpener opener) {}

    /**
     * The three raw baselines, strongest candidates for the floor; the fastest in a run is the one
     * compared with.
     */
    private static final Map<String, RawPath> RAW_PATHS = rawPaths();

    private static Map<String, RawPath> rawPaths() {
        Map<String, RawPath> paths = new LinkedHashMap<>();
        paths.put(
                "jettyMessage",
                new RawPath(
                        "Jetty message API",
                        (url, clients, onMessage) ->
                                jetty(url, clients, () -> new RawListener(() -> {}, onMessage))));
        paths.put(
                "jettyFrame",
                new RawPath(
                        "Jetty frame API + the plugin's assembly",
                        (url, clients, onMessage) ->
                                jetty(url, clients, () -> new RawFrameListener(onMessage))));
        paths.put(
                "jdk",
                new RawPath(
                        "JDK java.net.http with request(n)",
                        (url, clients, onMessage) -> {
                            JdkClients jdk = new JdkClients();
                            for (int i = 0; i < clients; i++) {
                                // a connect that fails shows as a client missing from the figures
                                var unused = jdk.connect(url, onMessage);
                            }
                            return jdk;
                        }));
        return paths;
    }

    private static RawClients jetty(URI url, int clients, Supplier<Session.Listener> listener)
            throws Exception {
        RawClients raw = new RawClients();
        for (int i = 0; i < clients; i++) {
            // a connect that fails shows as a client missing from the figures
            var unused = raw.connect(url, listener.get());
        }
        return raw;
    }

    /**
     * The fastest raw client of the throughput scenario: what the other throughput figures compare
     * with.
     */
    private record Fastest(String name, double rate) {}

    private Fastest throughput() throws Exception {
        int clients = quick ? 20 : 50;
        int perClient = quick ? 10_000 : 60_000;
        URI url = URI.create("ws://127.0.0.1:" + port + "/stream?count=" + perClient + "&size=64");
        int rounds = quick ? 3 : 6;
        // rounds that only warm up: the JIT compiles four paths' code, and one round was not enough
        // for
        // the component's (its second round ran at two thirds of its later rate in one run)
        int warmUpRounds = quick ? 1 : 2;
        List<String> order = new ArrayList<>(RAW_PATHS.keySet());
        order.add("component");
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        order.forEach(path -> rates.put(path, new ArrayList<>()));
        // bytes allocated per delivered message, by every thread of this JVM (the server is not in
        // it), for each path and round
        Map<String, List<Double>> allocations = new LinkedHashMap<>();
        order.forEach(path -> allocations.put(path, new ArrayList<>()));
        System.out.printf(
                Locale.ROOT,
                "throughput: %d clients x %d messages of 64 B, %d rounds (the first %d warm up), "
                        + "the paths taking turns going first%n",
                clients,
                perClient,
                rounds,
                warmUpRounds);
        // one host for all rounds, as a real host keeps its plugin loaded (and JIT-compiled)
        try (WorldHarness world =
                new WorldHarness(plugins, config("cost"), List.of("ws://127.0.0.1:" + port), 60)) {
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < order.size(); i++) {
                    String path = order.get((round + i) % order.size());
                    DeliveryCheck check = new DeliveryCheck();
                    AllocationMeter meter = AllocationMeter.start();
                    double rate =
                            path.equals("component")
                                    ? componentThroughput(
                                            world,
                                            "t" + round + "-",
                                            url,
                                            clients,
                                            perClient,
                                            check)
                                    : rawThroughput(
                                            RAW_PATHS.get(path).opener(),
                                            url,
                                            clients,
                                            perClient,
                                            check,
                                            meter);
                    meter.stop();
                    double perMessage = meter.allocated() / ((double) clients * perClient);
                    String delivery = check.verify(clients, perClient);
                    if (round >= warmUpRounds) {
                        rates.get(path).add(rate);
                        allocations.get(path).add(perMessage);
                    }
                    line.append(
                            String.format(
                                    Locale.ROOT,
                                    "%n  %-12s %9.0f msg/s, %5.0f B allocated a message (%s)",
                                    path,
                                    rate,
                                    perMessage,
                                    delivery));
                }
                System.out.printf(
                        Locale.ROOT,
                        "throughput round %d%s:%s%n",
                        round + 1,
                        round < warmUpRounds ? " (warm-up)" : "",
                        line);
            }
        }
        String fastest = null;
        for (String path : RAW_PATHS.keySet()) {
            double median = median(rates.get(path));
            summary.put(
                    "throughput.raw." + path + ".msgPerSec", String.valueOf(Math.round(median)));
            if (fastest == null || median > median(rates.get(fastest))) {
                fastest = path;
            }
        }
        double component = median(rates.get("component"));
        double fastestRaw = median(rates.get(fastest));
        System.out.printf(
                Locale.ROOT,
                "throughput: medians of %d rounds: component %.0f msg/s (delivered to world"
                        + " handlers); fastest raw client: %s (%s), %.0f msg/s%n",
                rounds - warmUpRounds,
                component,
                fastest,
                RAW_PATHS.get(fastest).description(),
                fastestRaw);
        summary.put("throughput.component.msgPerSec", String.valueOf(Math.round(component)));
        for (String path : RAW_PATHS.keySet()) {
            summary.put(
                    "alloc.perMessage.raw." + path + ".bytes",
                    String.valueOf(Math.round(median(allocations.get(path)))));
        }
        double componentAllocation = median(allocations.get("component"));
        summary.put("alloc.perMessage.bytes", String.valueOf(Math.round(componentAllocation)));
        summary.put(
                "alloc.perMessage.ratio",
                format(componentAllocation / median(allocations.get("jettyFrame"))));
        summary.put("throughput.baseline", fastest);
        summary.put("throughput.ratio", format(component / fastestRaw));
        summary.put(
                "throughput.lost",
                "0"); // every round of every path passed its delivery check, or the bench failed
        return new Fastest(fastest, fastestRaw);
    }

    /**
     * What a world really gets from fast servers: the component with the shipped defaults (256
     * messages per component per tick, back-pressure on a full inbox), against the fastest raw
     * client of the throughput scenario. Two rounds, so the attempts stay within the default
     * attemptsPerMinute; the first warms up.
     */
    private void throughputWithDefaults(Fastest fastest) throws Exception {
        int clients = quick ? 20 : 50;
        int perClient = quick ? 10_000 : 60_000;
        URI url = URI.create("ws://127.0.0.1:" + port + "/stream?count=" + perClient + "&size=64");
        double rate = 0;
        String delivery = "";
        try (WorldHarness world =
                new WorldHarness(
                        plugins, config("shipped"), List.of("ws://127.0.0.1:" + port), 60)) {
            for (int round = 0; round < 2; round++) {
                DeliveryCheck check = new DeliveryCheck();
                rate =
                        componentThroughput(
                                world, "d" + round + "-", url, clients, perClient, check);
                delivery = check.verify(clients, perClient);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "throughput with the shipped defaults (no websocket-client.yaml): %d clients x %d"
                    + " messages: component %.0f msg/s (%s), %.3f of the fastest raw client (%s)%n",
                clients,
                perClient,
                rate,
                delivery,
                rate / fastest.rate(),
                fastest.name());
        summary.put("throughput.defaults.msgPerSec", String.valueOf(Math.round(rate)));
        summary.put("throughput.defaults.ratio", format(rate / fastest.rate()));
        summary.put("throughput.defaults.lost", "0");
    }

    /**
     * Messages per second from the first message received to the last, so connection set-up does
     * not count.
     */
    private double rawThroughput(
            RawOpener path,
            URI url,
            int clients,
            int perClient,
            DeliveryCheck check,
            AllocationMeter meter)
            throws Exception {
        LongAdder received = new LongAdder();
        AtomicLong first = new AtomicLong();
        AutoCloseable raw =
                path.open(
                        url,
                        clients,
                        message -> {
                            if (first.get() == 0) {
                                first.compareAndSet(0, System.nanoTime());
                            }
                            check.accept(message);
                            received.increment();
                        });
        try {
            long expected = (long) clients * perClient;
            awaitCount(received::sum, expected);
            return expected / ((System.nanoTime() - first.get()) / 1e9);
        } finally {
            meter.stop(); // before the client's threads end with it
            raw.close();
        }
    }

    private double componentThroughput(
            WorldHarness world,
            String prefix,
            URI url,
            int clients,
            int perClient,
            DeliveryCheck check)
            throws Exception {
        long[] delivered = new long[1];
        long[] first = new long[1];
        var added =
                world.addClients(
                        prefix,
                        clients,
                        url,
                        event -> {
                            if (event.name().equals("text")) {
                                if (delivered[0]++ == 0) { // world thread only
                                    first[0] = System.nanoTime();
                                }
                                check.accept((String) event.data().get("data"));
                            }
                        });
        long expected = (long) clients * perClient;
        awaitCount(() -> world.loop.call(() -> delivered[0], 120_000), expected);
        double rate =
                expected / ((System.nanoTime() - world.loop.call(() -> first[0], 120_000)) / 1e9);
        world.loop.call(
                () -> {
                    added.forEach(component -> world.world.removeSlot(component.slot()));
                    return null;
                },
                30_000);
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
                throw new IllegalStateException(
                        "only " + seen + " of " + expected + " messages arrived");
            }
            Thread.sleep(2);
        }
    }

    // ------------------------------------------------------------------ 2. latency

    /** Connections sampled for latency, and the busy ones beside them. */
    private static final int LATENCY_SAMPLED = 10;

    private static final int LATENCY_LOAD = 100;
    private static final int LOAD_RATE = 1_000;

    /**
     * Server send to handler, while {@link #LATENCY_LOAD} other connections each receive {@link
     * #LOAD_RATE} messages per second: {@link #LATENCY_SAMPLED} connections carry the server's
     * clock every 7 ms (so arrivals fall at every phase of the 60 Hz tick), and what the server
     * sent in the first {@code warmUp × 7} ms of sampling is dropped as warm-up. The three raw
     * clients (handlers on their network threads) run under the same load, for the floor.
     */
    private void latency() throws Exception {
        int perConnection = quick ? 150 : 1_100;
        int warmUp = quick ? 50 : 100;
        int samples = LATENCY_SAMPLED * (perConnection - warmUp);
        long warmUpNanos = warmUp * 7_000_000L;
        long loadCount =
                (long) LOAD_RATE * (perConnection * 7L / 1000 + 10); // outlasts the sampling
        // a few more than needed: connections open a little after sampling starts
        URI sampledUrl =
                URI.create(
                        "ws://127.0.0.1:"
                                + port
                                + "/clock?count="
                                + (perConnection + 50)
                                + "&size=7000");
        URI loadUrl =
                URI.create(
                        "ws://127.0.0.1:"
                                + port
                                + "/clock?count="
                                + loadCount
                                + "&size="
                                + 1_000_000 / LOAD_RATE);
        StringBuilder rawLine = new StringBuilder();
        for (Map.Entry<String, RawPath> path : RAW_PATHS.entrySet()) {
            long[] raw = new long[samples];
            AtomicInteger count = new AtomicInteger();
            LongAdder load = new LongAdder();
            AutoCloseable loadClients =
                    path.getValue()
                            .opener()
                            .open(loadUrl, LATENCY_LOAD, message -> load.increment());
            try {
                awaitCount(load::sum, LATENCY_LOAD * 100L); // every load connection streaming
                long loadStart = load.sum();
                long started = System.nanoTime();
                AutoCloseable sampled =
                        path.getValue()
                                .opener()
                                .open(
                                        sampledUrl,
                                        LATENCY_SAMPLED,
                                        message -> {
                                            long sent = Long.parseLong(message);
                                            long latency = System.nanoTime() - sent;
                                            if (sent - started >= warmUpNanos) {
                                                int i = count.getAndIncrement();
                                                if (i < samples) {
                                                    raw[i] = latency;
                                                }
                                            }
                                        });
                try {
                    awaitCount(count::get, samples);
                } finally {
                    sampled.close();
                }
                long loadRate =
                        Math.round(
                                (load.sum() - loadStart) / ((System.nanoTime() - started) / 1e9));
                Percentiles p = new Percentiles(raw, samples);
                rawLine.append(
                        String.format(
                                Locale.ROOT,
                                "%n  %-12s p50 %.3f ms p99 %.3f ms (load received %d msg/s)",
                                path.getKey(),
                                p.at(50) / 1e6,
                                p.at(99) / 1e6,
                                loadRate));
                summary.put("latency.raw." + path.getKey() + ".p99.ms", format(p.at(99) / 1e6));
            } finally {
                loadClients.close();
            }
        }

        long[] world = new long[samples];
        int[] worldSamples = new int[1];
        long[] worldLoad = new long[1];
        long worldLoadRate;
        int gcCount;
        long gcLongest;
        try (WorldHarness harness =
                new WorldHarness(
                        plugins, config("loaded"), List.of("ws://127.0.0.1:" + port), 60)) {
            harness.addClients(
                    "load",
                    LATENCY_LOAD,
                    loadUrl,
                    event -> {
                        if (event.name().equals("text")) {
                            worldLoad[0]++;
                        }
                    });
            awaitCount(() -> harness.loop.call(() -> worldLoad[0], 30_000), LATENCY_LOAD * 100L);
            GcPauses gc = new GcPauses(); // from when sampling starts
            try {
                long loadStart = harness.loop.call(() -> worldLoad[0], 30_000);
                long started = System.nanoTime();
                harness.addClients(
                        "sampled",
                        LATENCY_SAMPLED,
                        sampledUrl,
                        event -> {
                            if (event.name().equals("text")) {
                                long sent = Long.parseLong((String) event.get("data"));
                                long latency = System.nanoTime() - sent;
                                if (sent - started >= warmUpNanos && worldSamples[0] < samples) {
                                    world[worldSamples[0]++] = latency;
                                }
                            }
                        });
                awaitCount(() -> harness.loop.call(() -> worldSamples[0], 30_000), samples);
                worldLoadRate =
                        Math.round(
                                (harness.loop.call(() -> worldLoad[0], 30_000) - loadStart)
                                        / ((System.nanoTime() - started) / 1e9));
                gcCount = gc.count();
                gcLongest = gc.longestMillis();
            } finally {
                gc.close();
            }
        }
        Percentiles worldP = new Percentiles(world, samples);
        System.out.printf(
                Locale.ROOT,
                "latency: server send -> handler, %d samples on %d connections (after %d ms of"
                    + " warm-up) beside %d connections receiving %d msg/s each; raw clients,"
                    + " handler on their network threads:%s%n  component    p50 %.3f ms p99 %.3f ms"
                    + " max %.3f ms (world thread, 60 Hz; load received %d msg/s)%n",
                samples,
                LATENCY_SAMPLED,
                warmUpNanos / 1_000_000,
                LATENCY_LOAD,
                LOAD_RATE,
                rawLine,
                worldP.at(50) / 1e6,
                worldP.at(99) / 1e6,
                worldP.at(100) / 1e6,
                worldLoadRate);
        summary.put("latency.world.p99.ms", format(worldP.at(99) / 1e6));
        summary.put("latency.world.p50.ms", format(worldP.at(50) / 1e6));
        summary.put("latency.world.max.ms", format(worldP.at(100) / 1e6));
        // the collections of this JVM while the world part ran: a pause holds every message that
        // arrives during it for the pause and then the next tick
        summary.put("latency.world.gc.count", String.valueOf(gcCount));
        summary.put("latency.world.gc.longest.ms", String.valueOf(gcLongest));
        summary.put("latency.world.samples", String.valueOf(samples));
    }

    // ------------------------------------------------------------------ 3 and 4. scale and idle
    // ticks

    /**
     * N idle connections in a {@code -Xmx1g} JVM each, raw Jetty and component, three times (quick:
     * once) with the paths taking turns going first; the medians are reported. The last component
     * run then probes upward for the real maximum.
     */
    private void scale() throws Exception {
        int count = quick ? 2_000 : 10_000;
        int repeats = quick ? 1 : 3;
        List<Map<String, String>> raws = new ArrayList<>();
        List<Map<String, String>> components = new ArrayList<>();
        List<Map<String, String>> idle = new ArrayList<>();
        for (int repeat = 0; repeat < repeats; repeat++) {
            boolean last = repeat == repeats - 1;
            if (repeat % 2 == 0) {
                raws.add(scaleRun("raw", count, config("scale"), false, 0));
                components.add(
                        scaleRun(
                                "component",
                                count,
                                config(quick ? "idleTicks" : "scale"),
                                last && !quick,
                                quick ? 60 : 0));
            } else {
                components.add(
                        scaleRun(
                                "component",
                                count,
                                config(quick ? "idleTicks" : "scale"),
                                last && !quick,
                                quick ? 60 : 0));
                raws.add(scaleRun("raw", count, config("scale"), false, 0));
            }
            // a quick run has no time for a JVM of its own: its component run samples the ticks,
            // with pings on
            idle.add(
                    quick
                            ? components.get(repeat)
                            : scaleRun("component", count, config("idleTicks"), false, 300));
            Map<String, String> raw = raws.get(repeat);
            Map<String, String> component = components.get(repeat);
            System.out.printf(
                    Locale.ROOT,
                    "scale run %d: %d idle connections, -Xmx1g: raw Jetty %s connected in %s ms, %s"
                        + " B heap each; component %s connected (%s open) in %s ms, %s B heap each;"
                        + " with pings and the journal: idle tick p50 %s us, p99 %s us%n",
                    repeat + 1,
                    count,
                    raw.get("connected"),
                    raw.get("storm.ms"),
                    raw.get("heap.perConnection.bytes"),
                    component.get("connected"),
                    component.get("open"),
                    component.get("storm.ms"),
                    component.get("heap.perConnection.bytes"),
                    idle.get(repeat).get("tick.p50.us"),
                    idle.get(repeat).get("tick.p99.us"));
            if (Double.parseDouble(component.get("open")) < count
                    || Double.parseDouble(raw.get("connected")) < count) {
                throw new IllegalStateException(
                        "not every connection opened: " + component + " / " + raw);
            }
        }
        double rawHeap = medianOf(raws, "heap.perConnection.bytes");
        double componentHeap = medianOf(components, "heap.perConnection.bytes");
        System.out.printf(
                Locale.ROOT,
                "scale: medians of %d: heap per idle connection raw %.0f B, component %.0f B; storm"
                        + " raw %.0f ms, component %.0f ms; idle tick p50 %.1f us%n",
                repeats,
                rawHeap,
                componentHeap,
                medianOf(raws, "storm.ms"),
                medianOf(components, "storm.ms"),
                medianOf(idle, "tick.p50.us"));
        summary.put("heap.perConnection.bytes", String.valueOf(Math.round(componentHeap)));
        summary.put("heap.perConnection.ratio", format(componentHeap / rawHeap));
        summary.put(
                "connect.storm.ratio",
                format(medianOf(components, "storm.ms") / medianOf(raws, "storm.ms")));
        summary.put("tick.idle10k.us", format(medianOf(idle, "tick.p50.us")));
        summary.put("tick.idle10k.p99.us", format(medianOf(idle, "tick.p99.us")));
        Map<String, String> probed = components.get(components.size() - 1);
        String max = probed.getOrDefault("max", probed.get("open"));
        String stop =
                probed.getOrDefault("max.stop", "not probed in a quick run").replace('_', ' ');
        long fileLimit =
                ManagementFactory.getOperatingSystemMXBean()
                                instanceof UnixOperatingSystemMXBean unix
                        ? unix.getMaxFileDescriptorCount()
                        : -1;
        System.out.printf(
                Locale.ROOT,
                "connections.max: %s open at once in one -Xmx1g host, every one checked open;"
                    + " stopped by %s (the file limit is %d per process, and the bench server holds"
                    + " a file per connection)%n",
                max,
                stop,
                fileLimit);
        summary.put("connections.max", String.valueOf(Math.round(Double.parseDouble(max))));
        summary.put("connections.max.stop", "\"" + stop + "\"");
        compressedScale();
    }

    // ------------------------------------------------------------------ several worlds

    /**
     * The same number of idle connections in one host, as 10 worlds of a tenth each and as one
     * world, each set-up in its own -Xmx1g JVM: heap per connection, and each world's tick.
     */
    private void worlds() throws Exception {
        int count = quick ? 2_000 : 10_000;
        int worldCount = 10;
        Map<String, String> many =
                scaleRun("component", count, config("worlds"), false, 300, worldCount);
        Map<String, String> one = scaleRun("component", count, config("worlds"), false, 300, 1);
        if (Double.parseDouble(many.get("open")) < count
                || Double.parseDouble(one.get("open")) < count) {
            throw new IllegalStateException("not every connection opened: " + many + " / " + one);
        }
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        StringBuilder perWorld = new StringBuilder();
        for (int i = 0; i < worldCount; i++) {
            double p50 = Double.parseDouble(many.get("world" + i + ".tick.p50.us"));
            double p99 = Double.parseDouble(many.get("world" + i + ".tick.p99.us"));
            p50s.add(p50);
            p99s.add(p99);
            perWorld.append(String.format(Locale.ROOT, " %.0f/%.0f", p50, p99));
        }
        System.out.printf(
                Locale.ROOT,
                "worlds: %d idle connections in one -Xmx1g host: %d worlds x %d: %s B heap each,"
                        + " tick p50/p99 by world (us):%s; 1 world x %d: %s B heap each, tick"
                        + " p50/p99 %s/%s us%n",
                count,
                worldCount,
                count / worldCount,
                many.get("heap.perConnection.bytes"),
                perWorld,
                count,
                one.get("heap.perConnection.bytes"),
                one.get("tick.p50.us"),
                one.get("tick.p99.us"));
        summary.put("worlds.10.heap.perConnection.bytes", many.get("heap.perConnection.bytes"));
        summary.put("worlds.1.heap.perConnection.bytes", one.get("heap.perConnection.bytes"));
        summary.put("worlds.10.tick.p50.us", format(median(p50s)));
        summary.put(
                "worlds.10.tick.p99.us.worst",
                format(p99s.stream().mapToDouble(d -> d).max().orElse(0)));
        summary.put("worlds.1.tick.p50.us", format(Double.parseDouble(one.get("tick.p50.us"))));
        summary.put("worlds.1.tick.p99.us", format(Double.parseDouble(one.get("tick.p99.us"))));
    }

    private static double medianOf(List<Map<String, String>> runs, String figure) {
        return median(runs.stream().map(run -> Double.parseDouble(run.get(figure))).toList());
    }

    /**
     * permessage-deflate's cost when idle: 1,000 connections with {@code compression: on} (the
     * bench server accepts it, as Jetty does by default) against 1,000 without, each in its own
     * JVM.
     */
    private void compressedScale() throws Exception {
        int count = quick ? 300 : 1_000;
        Map<String, String> plain = scaleRun("component", count, config("scale"), false, 0);
        Map<String, String> compressed =
                scaleRun("component", count, config("scaleCompressed"), false, 0);
        if (!compressed.get("compressed").equals(compressed.get("connected"))) {
            throw new IllegalStateException(
                    "only "
                            + compressed.get("compressed")
                            + " of "
                            + compressed.get("connected")
                            + " connections negotiated compression");
        }
        System.out.printf(
                Locale.ROOT,
                "compression: %d idle connections, -Xmx1g: %s B heap each without, %s B with "
                        + "permessage-deflate (%s of %s negotiated it)%n",
                count,
                plain.get("heap.perConnection.bytes"),
                compressed.get("heap.perConnection.bytes"),
                compressed.get("compressed"),
                compressed.get("connected"));
        summary.put(
                "heap.perConnection.compressed.bytes",
                String.valueOf(
                        Math.round(
                                Double.parseDouble(compressed.get("heap.perConnection.bytes")))));
        summary.put(
                "heap.perConnection.uncompressed1k.bytes",
                String.valueOf(
                        Math.round(Double.parseDouble(plain.get("heap.perConnection.bytes")))));
    }

    /**
     * One {@link ScaleRun} in its own JVM, sampling {@code ticks} idle ticks; its {@code key value}
     * lines.
     */
    private Map<String, String> scaleRun(
            String mode, int count, Path configDirectory, boolean probe, int ticks)
            throws Exception {
        return scaleRun(mode, count, configDirectory, probe, ticks, 0);
    }

    private Map<String, String> scaleRun(
            String mode, int count, Path configDirectory, boolean probe, int ticks, int worlds)
            throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java(),
                                "-Xmx1g",
                                "-Dbench.ticks=" + ticks,
                                "-Dbench.worlds=" + worlds,
                                "-cp",
                                jar.toString(),
                                ScaleRun.class.getName(),
                                mode,
                                String.valueOf(count),
                                String.valueOf(port),
                                plugins.toString(),
                                configDirectory.toString()));
        if (probe) {
            command.add("probe");
        }
        Process run =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> figures = new LinkedHashMap<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.add(line);
                String[] parts = line.trim().split(" ", -1);
                if (parts.length == 2) {
                    figures.put(parts[0], parts[1]);
                }
                if (line.startsWith("probe ")) {
                    System.out.println("  " + line);
                }
            }
        }
        if (!run.waitFor(600, TimeUnit.SECONDS)
                || run.exitValue() != 0
                || !figures.containsKey("storm.ms")) {
            throw new IllegalStateException("scale run '" + mode + "' failed: " + output);
        }
        return figures;
    }

    // ------------------------------------------------------------------ 5. ticks while a script
    // waits on a full journal

    /**
     * The host stub as a script uses it: the event journal full (100 000 events), 100 components
     * receiving 100 messages per second each, and two console threads waiting on events (one for
     * each next text of a slot, one for an event that never comes, so it looks at every event).
     * Reports the p99 of the world's tick time, after a warm-up with all of that running.
     */
    private void journal() throws Exception {
        int components = 100;
        int seconds = quick ? 3 : 20;
        int warmUpSeconds =
                quick ? 1 : 5; // the world streaming and the readers waiting, before ticks count
        int perComponent = 100 * (warmUpSeconds + seconds + 5);
        URI url =
                URI.create(
                        "ws://127.0.0.1:" + port + "/clock?count=" + perComponent + "&size=10000");
        try (WorldHarness world =
                new WorldHarness(
                        plugins, config("loaded"), List.of("ws://127.0.0.1:" + port), 60)) {
            EventJournal journal = world.recordToJournal();
            world.fillJournal(EventJournal.CAPACITY);
            LongAdder texts = new LongAdder();
            world.addClients(
                    "j",
                    components,
                    url,
                    event -> {
                        if (event.name().equals("text")) {
                            texts.increment();
                        }
                    });
            awaitCount(texts::sum, components * 100L); // every client streaming, about a second
            AtomicInteger stop = new AtomicInteger();
            List<Thread> waiters =
                    List.of(
                            waiter(
                                    "next-text",
                                    stop,
                                    () ->
                                            journal.await(
                                                    journal.lastSequence(),
                                                    EventJournal.on("j0", "text"),
                                                    10_000)),
                            waiter(
                                    "never",
                                    stop,
                                    () ->
                                            journal.await(
                                                    journal.lastSequence(),
                                                    EventJournal.on("j0", "never"),
                                                    1_000)));
            waiters.forEach(Thread::start);
            // as in the other scenarios' first rounds: the JIT compiles the world's paths before
            // ticks are counted
            awaitCount(texts::sum, components * 100L * (1 + warmUpSeconds));
            long[] ticks = new long[seconds * 60];
            long[] cpu = new long[ticks.length];
            int[] count = new int[1];
            CountDownLatch sampled = new CountDownLatch(1);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            world.loop.post(
                    new Runnable() {
                        private long lastCpu = -1;

                        @Override
                        public void run() {
                            // first thing in a tick: the previous tick's wall time, and the world
                            // thread's CPU time since
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
                throw new IllegalStateException(
                        "the world did not tick " + ticks.length + " times");
            }
            stop.set(1);
            for (Thread waiter : waiters) {
                waiter.join(15_000);
            }
            Percentiles p = new Percentiles(ticks, count[0]);
            Percentiles c = new Percentiles(cpu, count[0]);
            System.out.printf(
                    Locale.ROOT,
                    "journal: %d components x 100 msg/s, journal holding %d events, 2 threads"
                        + " waiting on events, %d ticks after %d s of warm-up: tick (wall) p50 %.1f"
                        + " us, p99 %.1f us, max %.1f us; world thread CPU per tick p50 %.1f us,"
                        + " p99 %.1f us%n",
                    components,
                    journal.lastSequence() - journal.firstKept() + 1,
                    count[0],
                    warmUpSeconds,
                    p.at(50) / 1e3,
                    p.at(99) / 1e3,
                    p.at(100) / 1e3,
                    c.at(50) / 1e3,
                    c.at(99) / 1e3);
            summary.put("tick.journal.cpu.p99.us", format(c.at(99) / 1e3));
            summary.put("tick.journal.p99.us", format(p.at(99) / 1e3));
        }
    }

    private interface Wait {
        void once() throws InterruptedException;
    }

    private static Thread waiter(String name, AtomicInteger stop, Wait wait) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                while (stop.get() == 0) {
                                    wait.once();
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "bench-wait-" + name);
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
