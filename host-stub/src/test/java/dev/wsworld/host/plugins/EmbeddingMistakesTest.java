package dev.wsworld.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.websocketclient.WebsocketClientFields;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.websocketclient.WebsocketEventAttributes;
import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.api.world.ComponentEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import dev.wsworld.hostsupport.plugins.WorldPluginManager;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleUserRoles;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.TickLoop;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host built from host-support that leaves something out, as a first embedding attempt does: each
 * omission is named once in the log, with its fix, and the world hears the truth.
 */
class EmbeddingMistakesTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir Path dir;

    private final SimpleWorld world = new SimpleWorld("embedding", 60);
    private final TickLoop loop = world.updateThread();
    private final BlockingQueue<ComponentEvent> events = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private TestServer server;
    private WorldPluginManager plugins;

    @BeforeEach
    void start() throws Exception {
        // slf4j-simple writes to whatever System.err is when it logs
        originalErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        server = new TestServer();
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(HostFixture.pluginJar(), dir.resolve("plugins/websocket-plugin.jar"));
        loop.start();
        loop.call(() -> world.addUser("alice", "Alice", "m-alice", true, true, true), 10_000);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (plugins != null) {
                plugins.stopPlugins();
                plugins.unloadPlugins();
            }
            loop.stop();
            server.close();
        } finally {
            System.setErr(originalErr);
            originalErr.print(log.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aConfigFileTheHostCannotReadIsNamedAndThePluginRunsOnItsDefaults() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(
                dir.resolve("config/websocket-client.yaml"),
                "defaults: { maxMessageSize: 2MiB }\n");
        start(
                builder ->
                        builder.config(dir.resolve("config"), null)
                                .hostExtension(new SimpleUserRoles())
                                .vouch("ws://127.0.0.1:" + server.port()));

        assertEquals(
                1, occurrences("is not read, because the host gave no ConfigLoader"), logText());
        assertTrue(logText().contains("YamlConfigLoader"), "the fix is named: " + logText());
        addClient("A", server.uri("/echo"));
        assertNotNull(next(WebsocketEvents.CONNECTED), "runs on the defaults");
    }

    @Test
    void withoutUserRolesTheSessionHostHandlesAndTheHostIsToldOnce() throws Exception {
        start(builder -> builder.vouch("ws://127.0.0.1:" + server.port()));

        addClient("A", server.uri("/echo"));
        addClient("B", server.uri("/echo"));
        assertEquals("alice", next(WebsocketEvents.CONNECTED).get(WebsocketEventAttributes.USER));
        assertEquals("alice", next(WebsocketEvents.CONNECTED).get(WebsocketEventAttributes.USER));
        assertEquals(1, occurrences("no UserRoles extension is installed"), logText());
        assertTrue(logText().contains("User.isHost()"), "the fallback is named: " + logText());
    }

    @Test
    void withoutAConsentPromptTheWorldHearsNoPromptNotIgnoredAndTheHostIsToldOnce()
            throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(
                dir.resolve("config/websocket-client.yaml"),
                "network: { blockPrivateAddresses: false }\n");
        start(
                builder ->
                        builder.config(dir.resolve("config"), new YamlConfigLoader())
                                .hostExtension(new SimpleUserRoles()));

        addClient("A", server.uri("/echo"));
        addClient("B", server.uri("/echo?other"));
        ComponentEvent denied = next(WebsocketEvents.DENIED);
        assertEquals("noPrompt", denied.get(WebsocketEventAttributes.REASON));
        assertEquals("noPrompt", next(WebsocketEvents.DENIED).get(WebsocketEventAttributes.REASON));
        assertEquals(1, occurrences("no ConsentPrompt extension is installed"), logText());
    }

    @Test
    void anUpdateLoopThatStopsCallingOnUpdateIsNamedOnce() throws Exception {
        start(
                builder ->
                        builder.hostExtension(new SimpleUserRoles())
                                .vouch("ws://127.0.0.1:" + server.port()));
        CountDownLatch release = new CountDownLatch(1);
        loop.call(
                () -> {
                    world.addComponent(
                                    world.addSlot(null, "A"),
                                    WebsocketClientNodes.TYPE,
                                    Map.of(WebsocketClientFields.URL.name(), server.uri("/echo")))
                            .addEventListener(events::add);
                    // from the next tick on, the host does no updates: the connection opens and
                    // waits for one
                    loop.post(() -> await(release));
                    return null;
                },
                10_000);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (occurrences("got none: the host must call ComponentBehaviour.onUpdate()") == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            release.countDown();
        }
        assertEquals(
                1,
                occurrences("got none: the host must call ComponentBehaviour.onUpdate()"),
                logText());
        assertNotNull(
                next(WebsocketEvents.CONNECTED),
                "once updates run again, what waited takes effect");
    }

    @Test
    void nodesHeldAcrossAPluginStopRefuseToActAndNameWhy() throws Exception {
        start(
                builder ->
                        builder.hostExtension(new SimpleUserRoles())
                                .vouch("ws://127.0.0.1:" + server.port()));
        SimpleComponent client = addClient("A", server.uri("/echo"));
        next(WebsocketEvents.CONNECTED);
        WebsocketClientNodes held =
                loop.call(() -> (WebsocketClientNodes) client.behaviour().orElseThrow(), 10_000);

        plugins.stopPlugin("websocket-client");
        assertNotNull(next(WebsocketEvents.DISCONNECTED));
        IllegalStateException refused =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                loop.call(
                                        () -> {
                                            held.disconnect();
                                            return null;
                                        },
                                        10_000));
        assertTrue(
                refused.getMessage().contains("is detached (plugin stopped or component removed)"),
                refused.getMessage());
        assertEquals(
                "Stopped",
                loop.call(() -> client.field(WebsocketClientFields.STATE).get(), 10_000));
    }

    private void start(Consumer<WorldPluginManager.Builder> configure) {
        WorldPluginManager.Builder builder = WorldPluginManager.builder(dir.resolve("plugins"));
        configure.accept(builder);
        plugins = builder.build();
        plugins.openWorld(world);
        plugins.loadPlugins();
        plugins.startPlugins();
        assertTrue(plugins.problems().isEmpty(), plugins.problems().toString());
    }

    private SimpleComponent addClient(String slot, URI url) throws Exception {
        return loop.call(
                () -> {
                    SimpleComponent component =
                            world.addComponent(
                                    world.addSlot(null, slot),
                                    WebsocketClientNodes.TYPE,
                                    Map.of(WebsocketClientFields.URL.name(), url));
                    component.addEventListener(events::add);
                    return component;
                },
                10_000);
    }

    private ComponentEvent next(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            ComponentEvent event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null && event.name().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("no '" + name + "' within " + WAIT_SECONDS + " s");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS + 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private int occurrences(String text) {
        Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(logText());
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
