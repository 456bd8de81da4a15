package dev.wsworld.bench;

import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.host.Host;
import dev.wsworld.host.HostOptions;
import dev.wsworld.host.HostedWorld;
import dev.wsworld.host.consent.ConsentPresets;
import dev.wsworld.host.inspector.Inspector;
import dev.wsworld.hostsupport.world.SimpleSlot;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The world inspector's cost, in a host stub as {@code --inspect} runs it: a world of 10 000
 * components (idle, Enabled false) and {@code streaming} more receiving 100 messages a second each.
 * Measures the world's tick p99 with no page open, then how long a page takes to open on it (the
 * page's files, its WebSocket, the host's lists, the world, the top of the slot tree), then the
 * tick p99 again with that page open: watching the world, the top of the tree open, one streaming
 * component selected, every event arriving.
 */
final class InspectorRun {
    static final int COMPONENTS = 10_000;
    private static final Pattern TOTAL = Pattern.compile("\"op\":\"slot\".*\"total\":([0-9]+)");

    private InspectorRun() {}

    static Map<String, String> run(Path plugins, Path config, int port, boolean quick, Path work)
            throws Exception {
        int streaming = 50;
        int seconds = quick ? 3 : 15;
        int warmUp = quick ? 1 : 5;
        Path worldFile = work.resolve("inspector-world.yaml");
        Files.writeString(
                worldFile,
                "world: { name: Inspected }\nusers:\n  - { id: bench, host: true, local: true }\n");
        HostOptions options =
                new HostOptions(
                        plugins,
                        config,
                        List.of(worldFile),
                        Optional.empty(),
                        Optional.empty(),
                        true,
                        60,
                        ConsentPresets.parse(ConsentPresets.NONE, "bench=allow"));
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Map<String, String> figures = new LinkedHashMap<>();
        try (Host host = Host.start(options, line -> {}, nowhere)) {
            HostedWorld world = host.worlds().get(0);
            for (int start = 0; start < COMPONENTS; start += 500) {
                int from = start;
                world.call(
                        () -> {
                            for (int i = from; i < from + 500; i++) {
                                SimpleSlot slot = world.world().addSlot(null, "idle" + i);
                                world.world()
                                        .addComponent(
                                                slot,
                                                WebsocketClientNodes.TYPE,
                                                Map.of("Enabled", false));
                            }
                            return null;
                        });
            }
            int perComponent = 100 * (warmUp + 3 * seconds + 30);
            URI clock =
                    URI.create(
                            "ws://127.0.0.1:"
                                    + port
                                    + "/clock?count="
                                    + perComponent
                                    + "&size=10000");
            world.call(
                    () -> {
                        for (int i = 0; i < streaming; i++) {
                            Map<String, Object> fields = new LinkedHashMap<>();
                            fields.put("URL", clock);
                            fields.put("HandlingUser", "bench");
                            world.world()
                                    .addComponent(
                                            world.world().addSlot(null, "stream" + i),
                                            WebsocketClientNodes.TYPE,
                                            fields);
                        }
                        return null;
                    });
            awaitTexts(world, streaming * 100L * (1 + warmUp));
            long connected =
                    world.journal().since(0).stream()
                            .filter(event -> event.name().equals("connected"))
                            .count();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "inspector: %d of %d streaming components connected; events so far: %s%n",
                    connected,
                    streaming,
                    world.journal().since(0).stream()
                            .collect(
                                    java.util.stream.Collectors.groupingBy(
                                            event -> event.name(),
                                            java.util.stream.Collectors.counting())));

            Ticks closed = Ticks.sample(world, seconds);
            try (Inspector inspector = Inspector.start(host, 0)) {
                Page page = new Page(inspector);
                long started = System.nanoTime();
                page.load();
                page.watchAndOpenTop();
                double openMs = (System.nanoTime() - started) / 1e6;
                page.selectStreaming();
                // as before the first window: the JIT compiles the inspector's paths first
                Thread.sleep(warmUp * 1000L);
                long eventsBefore = page.events.get();
                Ticks open = Ticks.sample(world, seconds);
                long eventsDuring = page.events.get() - eventsBefore;
                started = System.nanoTime();
                int listed = page.listAll();
                double listAllMs = (System.nanoTime() - started) / 1e6;
                page.close();
                Ticks after = Ticks.sample(world, seconds);
                System.out.printf(
                        java.util.Locale.ROOT,
                        "inspector: after the page closed, tick (wall) p50/p99/max %.1f / %.1f /"
                                + " %.1f us (CPU p50/p99 %.1f / %.1f us)%n",
                        after.p50,
                        after.p99,
                        after.max,
                        after.cpuP50,
                        after.cpuP99);
                System.out.printf(
                        java.util.Locale.ROOT,
                        "inspector: %d idle + %d streaming components (100 msg/s each); page"
                                + " opened in %.1f ms (top of the tree: %s slots), all %d top"
                                + " slots listed in %.1f ms; tick (wall) p50/p99/max without a page"
                                + " %.1f / %.1f / %.1f us (CPU p50/p99 %.1f / %.1f us, %d events),"
                                + " with one open %.1f / %.1f / %.1f us (CPU %.1f / %.1f us, %d"
                                + " events); the page got %d events, missed %d%n",
                        COMPONENTS,
                        streaming,
                        openMs,
                        page.topTotal,
                        listed,
                        listAllMs,
                        closed.p50,
                        closed.p99,
                        closed.max,
                        closed.cpuP50,
                        closed.cpuP99,
                        closed.events,
                        open.p50,
                        open.p99,
                        open.max,
                        open.cpuP50,
                        open.cpuP99,
                        open.events,
                        eventsDuring,
                        page.missed.get());
                figures.put("inspector.open10k.ms", format(openMs));
                figures.put("inspector.list10k.ms", format(listAllMs));
                figures.put("tick.inspector.closed.p99.us", format(closed.p99));
                figures.put("tick.inspector.open.p99.us", format(open.p99));
                figures.put("tick.inspector.closed.cpu.p99.us", format(closed.cpuP99));
                figures.put("tick.inspector.open.cpu.p99.us", format(open.cpuP99));
                figures.put("inspector.events.missed", String.valueOf(page.missed.get()));
            }
        }
        return figures;
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    private static void awaitTexts(HostedWorld world, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (world.journal().lastSequence() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "only " + world.journal().lastSequence() + " events of " + expected);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Tick times (wall clock, and the world thread's CPU) of {@code seconds} of ticks, read at the
     * start of each next tick, and how many events the world had meanwhile.
     */
    private record Ticks(
            double p50, double p99, double max, double cpuP50, double cpuP99, long events) {
        static Ticks sample(HostedWorld world, int seconds) throws Exception {
            long[] ticks = new long[seconds * 60];
            long[] cpu = new long[ticks.length];
            int[] count = new int[1];
            CountDownLatch sampled = new CountDownLatch(1);
            java.lang.management.ThreadMXBean threads =
                    java.lang.management.ManagementFactory.getThreadMXBean();
            long firstEvent = world.journal().lastSequence();
            world.loop()
                    .post(
                            new Runnable() {
                                private long lastCpu = -1;

                                @Override
                                public void run() {
                                    long now = threads.getCurrentThreadCpuTime();
                                    if (lastCpu >= 0 && count[0] < ticks.length) {
                                        cpu[count[0]] = now - lastCpu;
                                        ticks[count[0]++] = world.loop().lastTickNanos();
                                    }
                                    lastCpu = now;
                                    if (count[0] < ticks.length) {
                                        world.loop().post(this);
                                    } else {
                                        sampled.countDown();
                                    }
                                }
                            });
            if (!sampled.await(seconds * 3L, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "the world did not tick " + ticks.length + " times");
            }
            Percentiles p = new Percentiles(ticks, count[0]);
            Percentiles c = new Percentiles(cpu, count[0]);
            return new Ticks(
                    p.at(50) / 1e3,
                    p.at(99) / 1e3,
                    p.at(100) / 1e3,
                    c.at(50) / 1e3,
                    c.at(99) / 1e3,
                    world.journal().lastSequence() - firstEvent);
        }
    }

    /** What a browser does to show the page, with the JDK's HTTP client and WebSocket. */
    private static final class Page {
        private final Inspector inspector;
        private final HttpClient http = HttpClient.newHttpClient();
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final AtomicLong events = new AtomicLong();
        private final AtomicLong missed = new AtomicLong();
        private WebSocket socket;
        private String topTotal = "?";

        Page(Inspector inspector) {
            this.inspector = inspector;
        }

        void load() throws Exception {
            String address = inspector.address();
            String token = address.substring(address.indexOf("token=") + 6);
            for (String file : List.of("", "app.js", "dom.js", "view.js", "inspector.css")) {
                HttpResponse<byte[]> response =
                        http.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + inspector.port()
                                                                + "/"
                                                                + file
                                                                + "?token="
                                                                + token))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(file + ": " + response.statusCode());
                }
            }
            socket =
                    http.newWebSocketBuilder()
                            .header("Origin", "http://127.0.0.1:" + inspector.port())
                            .buildAsync(
                                    URI.create(
                                            "ws://127.0.0.1:"
                                                    + inspector.port()
                                                    + "/socket?token="
                                                    + token),
                                    new WebSocket.Listener() {
                                        private final StringBuilder text = new StringBuilder();

                                        @Override
                                        public CompletionStage<?> onText(
                                                WebSocket ws, CharSequence data, boolean last) {
                                            text.append(data);
                                            if (last) {
                                                received(text.toString());
                                                text.setLength(0);
                                            }
                                            ws.request(1);
                                            return null;
                                        }
                                    })
                            .get(30, TimeUnit.SECONDS);
        }

        private void received(String message) {
            if (message.startsWith("{\"op\":\"events\"")) {
                Matcher m = Pattern.compile("\"missed\":([0-9]+)").matcher(message);
                if (m.find()) {
                    missed.addAndGet(Long.parseLong(m.group(1)));
                }
                Matcher e = Pattern.compile("\"seq\":").matcher(message);
                while (e.find()) {
                    events.incrementAndGet();
                }
            } else {
                messages.add(message);
            }
        }

        private String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String message = messages.poll(1, TimeUnit.SECONDS);
                if (message != null && message.startsWith(prefix)) {
                    return message;
                }
            }
            throw new IllegalStateException("the page got no " + prefix);
        }

        void watchAndOpenTop() throws Exception {
            await("{\"op\":\"host\"");
            socket.sendText("{\"op\":\"watch\",\"world\":\"Inspected\"}", true).get();
            await("{\"op\":\"watching\"");
            socket.sendText("{\"op\":\"open\",\"path\":\"\"}", true).get();
            Matcher total = TOTAL.matcher(await("{\"op\":\"slot\""));
            topTotal = total.find() ? total.group(1) : "?";
        }

        void selectStreaming() throws Exception {
            socket.sendText("{\"op\":\"select\",\"component\":\"stream0#1\"}", true).get();
            await("{\"op\":\"selected\"");
        }

        int listAll() throws Exception {
            socket.sendText("{\"op\":\"open\",\"path\":\"\",\"limit\":20000}", true).get();
            String listing = await("{\"op\":\"slot\"");
            return listing.split("\"children\":", -1).length - 2;
        }

        void close() {
            socket.sendClose(1000, "done").join();
        }
    }
}
