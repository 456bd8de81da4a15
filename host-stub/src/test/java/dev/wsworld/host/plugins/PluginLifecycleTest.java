package dev.wsworld.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.output.StreamScreen;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.PluginJars;
import dev.wsworld.host.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/** Stopping, starting, reloading and upgrading the plugin while the world runs, without leaks. */
class PluginLifecycleTest {
    private static final String ID = "websocket-client";
    private static final String[] SLOTS = {"a", "b", "c"};

    @TempDir Path dir;
    private TestServer server;
    private HostFixture host;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private CommandInterpreter console;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        host = HostFixture.in(dir).start();
        console =
                new CommandInterpreter(
                        host.host(),
                        new StreamScreen(new PrintStream(out, true, StandardCharsets.UTF_8)));
        for (String slot : SLOTS) {
            host.addClient(
                    slot,
                    Map.of(
                            "URL",
                            server.uri("/echo"),
                            "HandlingUser",
                            "alice",
                            "ConnectRetryInterval",
                            30f));
            host.await(slot, "connected");
        }
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
        server.close();
    }

    private String run(String command) throws Exception {
        out.reset();
        console.execute(command);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void awaitAllConnected() throws InterruptedException {
        for (String slot : SLOTS) {
            host.await(slot, "connected");
        }
    }

    @Test
    void consoleCommandsListStopStartAndReportStats() throws Exception {
        assertTrue(run("plugins").startsWith(ID + " 0.1.0-SNAPSHOT STARTED "), out.toString());
        String stats = run("stats");
        assertTrue(
                stats.contains(
                        "\""
                                + ID
                                + "\":{\"version\":\"0.1.0-SNAPSHOT\",\"state\":\"STARTED\",\"liveConnections\":3,"
                                + "\"components\":3,\"states\":{\"Connected\":3},\"compressedConnections\":0,\"proxy\":\"none\",\"credentials\":[],\"queuedInbound\":0,\"queuedInboundBytes\":0,\"queuedOutbound\":0,"
                                + "\"queuedOutboundBytes\":0,\"readingPaused\":0,\"readPauses\":0,\"readPausedMillisTotal\":0,"
                                + "\"worlds\":{\"Test\":{\"components\":3,\"states\":{\"Connected\":3},\"queuedInbound\":0,"
                                + "\"deliveryBudgetMicros\":5000,"),
                stats);
        assertTrue(stats.matches("(?s).*\"threads\":\\d+,\"heapUsedBytes\":\\d+}\\s*"), stats);

        assertEquals(ID + " STOPPED", run("plugin stop " + ID).trim());
        for (int i = 0; i < SLOTS.length; i++) {
            assertTrue(server.nextClose(10).startsWith("1001"));
        }
        assertEquals("Stopped", host.field("a", "State"));
        assertTrue(
                run("stats")
                        .contains(
                                "\""
                                        + ID
                                        + "\":{\"version\":\"0.1.0-SNAPSHOT\",\"state\":\"STOPPED\"}"),
                out.toString());
        assertEquals(ID + " STARTED", run("plugin start " + ID).trim());
        awaitAllConnected();
    }

    @Test
    void aPluginStopClosesEachConnectionAndTheWorldHearsDisconnectedBeforeStopped()
            throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        host.run(
                () -> {
                    host.component("a").addEventListener(event -> heard.add(event.name()));
                    host.component("a")
                            .field("State")
                            .orElseThrow()
                            .addListener((field, before, after) -> heard.add("State=" + after));
                });
        long mark = host.mark();
        run("plugin stop " + ID);
        for (String slot : SLOTS) {
            List<dev.wsworld.host.events.HostEvent> events = host.events(slot, mark);
            assertEquals(1, events.size(), "exactly one event after the stop: " + events);
            dev.wsworld.host.events.HostEvent closed = events.get(0);
            assertEquals("disconnected", closed.name());
            assertEquals(1001, ((Number) closed.get("code")).intValue(), closed.toJson());
            assertTrue(closed.get("reason").toString().contains("plugin stopped"), closed.toJson());
            assertEquals(
                    true, closed.get("clean"), "the server answered the close: " + closed.toJson());
        }
        assertEquals(List.of("State=Closing", "disconnected", "State=Stopped"), heard);
    }

    @Test
    void aReloadEndsEveryConnectionBeforeTheNewPluginConnectsAgain() throws Exception {
        long mark = host.mark();
        assertTrue(run("plugin reload " + ID).contains("STARTED"), out.toString());
        awaitAllConnected();
        for (String slot : SLOTS) {
            assertEquals(
                    List.of("disconnected", "userResolved", "consentRequested", "connected"),
                    host.names(slot, mark).stream()
                            .filter(n -> !n.equals("retryScheduled"))
                            .toList(),
                    slot);
        }
    }

    @Test
    void quittingTheHostEndsTheRunWithEachDisconnected() throws Exception {
        long mark = host.mark();
        host.host().close();
        for (String slot : SLOTS) {
            assertEquals(List.of("disconnected"), host.names(slot, mark), slot);
        }
    }

    @Test
    void aNewerArtifactDroppedInIsLoadedByReloadAndTheOldClassLoaderIsCollectable()
            throws Exception {
        PluginWrapper before = host.host().plugins().getPlugin(ID);
        WeakReference<ClassLoader> oldLoader = new WeakReference<>(before.getPluginClassLoader());
        before = null;
        Path artifact = dir.resolve("plugins/websocket-plugin.jar");
        rewriteVersion(artifact, "0.1.1");

        String reloaded = run("plugin reload " + ID);
        assertTrue(reloaded.startsWith(ID + " 0.1.1 STARTED from "), reloaded);
        awaitAllConnected();
        assertEquals("0.1.1", host.host().plugins().getPlugin(ID).getDescriptor().getVersion());
        assertCollected(oldLoader);
    }

    @Test
    void fiftyStopStartCyclesWithLiveConnectionsLeaveNoThreadsOrFilesBehind() throws Exception {
        // baseline with the plugin stopped, after one warm-up cycle (lazily started JVM and Jetty
        // threads)
        cycle();
        assertEquals(PluginState.STOPPED, host.host().plugins().stopPlugin(ID));
        assertEquals(
                0,
                awaitAtMost(this::pluginThreads, 0),
                "a stopped plugin still runs threads: " + threadNames());
        long baselineThreads = settled(this::hostThreads);
        long baselineFiles = settled(PluginLifecycleTest::openFiles);
        assertEquals(PluginState.STARTED, host.host().plugins().startPlugin(ID));
        awaitAllConnected();

        for (int i = 0; i < 50; i++) {
            cycle();
        }

        assertEquals(PluginState.STOPPED, host.host().plugins().stopPlugin(ID));
        long pluginThreads = awaitAtMost(this::pluginThreads, 0);
        assertEquals(0, pluginThreads, "plugin threads left behind: " + threadNames());
        long threads = awaitAtMost(this::hostThreads, baselineThreads);
        assertTrue(
                threads <= baselineThreads,
                "threads grew from " + baselineThreads + " to " + threads + ": " + threadNames());
        long files = awaitAtMost(PluginLifecycleTest::openFiles, baselineFiles);
        assertTrue(
                files <= baselineFiles, "open files grew from " + baselineFiles + " to " + files);
        assertEquals(PluginState.STARTED, host.host().plugins().startPlugin(ID));
        awaitAllConnected();

        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            loaders.add(
                    new WeakReference<>(
                            host.host().plugins().getPlugin(ID).getPluginClassLoader()));
            host.host().plugins().reloadPlugin(ID);
            awaitAllConnected();
        }
        for (WeakReference<ClassLoader> loader : loaders) {
            assertCollected(loader);
        }
        assertEquals(PluginState.STOPPED, host.host().plugins().stopPlugin(ID));
        files = awaitAtMost(PluginLifecycleTest::openFiles, baselineFiles);
        assertTrue(
                files <= baselineFiles,
                "reloading left files open: " + baselineFiles + " -> " + files);
    }

    private void cycle() throws Exception {
        assertEquals(PluginState.STOPPED, host.host().plugins().stopPlugin(ID));
        assertEquals(PluginState.STARTED, host.host().plugins().startPlugin(ID));
        awaitAllConnected();
    }

    /**
     * Live threads, less the in-process test server's pool, which grows and shrinks with its own
     * load.
     */
    private long hostThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("test-server"))
                .count();
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
    }

    private long pluginThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("wsworld-") && t.isAlive())
                .count();
    }

    private static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot count open files: " + e.getMessage(), e);
        }
    }

    /**
     * Polls until the figure is at most {@code target} (closing is asynchronous), or gives the last
     * value after 20 s.
     */
    private static long awaitAtMost(LongSupplier figure, long target) throws InterruptedException {
        long value = figure.getAsLong();
        for (int i = 0; i < 400 && value > target; i++) {
            Thread.sleep(50);
            value = figure.getAsLong();
        }
        return value;
    }

    /** The figure once it stopped changing: the same in readings 300 ms apart (10 s at most). */
    private static long settled(LongSupplier figure) throws InterruptedException {
        long previous = figure.getAsLong();
        for (int i = 0; i < 33; i++) {
            Thread.sleep(300);
            long now = figure.getAsLong();
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static void assertCollected(WeakReference<ClassLoader> loader)
            throws InterruptedException {
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull(loader.get(), "an unloaded plugin's class loader is still reachable");
    }

    /** Copies the plugin jar with a different Plugin-Version, as a newer build would have. */
    @Test
    void aReloadWhoseNewArtifactFailsToStartBringsThePreviousVersionBack() throws Exception {
        Path broken = dir.resolve("plugins/websocket-plugin-0.2.0.jar");
        Files.copy(dir.resolve("plugins/websocket-plugin.jar"), broken);
        PluginJars.rewriteManifest(
                broken,
                Map.of("Plugin-Version", "0.2.0", "Plugin-Class", "dev.wsworld.NoSuchPlugin"));
        String problem = assertThrowsCommand("plugin reload " + ID);
        assertTrue(
                problem.contains("0.2.0") || problem.contains(broken.getFileName().toString()),
                problem);
        assertTrue(
                problem.endsWith("the previous version 0.1.0-SNAPSHOT is running again"), problem);
        PluginWrapper running = host.host().plugins().getPlugin(ID);
        assertEquals(PluginState.STARTED, running.getPluginState());
        assertEquals("0.1.0-SNAPSHOT", running.getDescriptor().getVersion());
        awaitAllConnected();
    }

    private String assertThrowsCommand(String command) {
        return org.junit.jupiter.api.Assertions.assertThrows(
                        dev.wsworld.host.console.CommandException.class,
                        () -> console.execute(command))
                .getMessage();
    }

    private static void rewriteVersion(Path artifact, String version) throws IOException {
        PluginJars.rewriteManifest(artifact, Map.of("Plugin-Version", version));
    }
}
