package dev.wsworld.host.worlds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.websocketclient.WebsocketClientFields;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.api.world.ComponentEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import dev.wsworld.hostsupport.plugins.WorldPluginManager;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleUserRoles;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One host process, one plugin manager, two worlds (castle and harbour), each on its own update
 * loop, as a headless server runs several sessions: built from host-support alone, with the
 * packaged plugin. The same person, carol, is in both.
 */
class ManyWorldsEmbeddingTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir Path dir;

    private final SimpleWorld castle = new SimpleWorld("castle", 60);
    private final SimpleWorld harbour = new SimpleWorld("harbour", 60);

    /**
     * Every event of both worlds, in order, with the thread it was emitted on. Guarded by itself.
     */
    private final List<Heard> heard = new ArrayList<>();

    /** Per world and event name, how many of them {@link #next} has taken. */
    private final Map<String, Integer> taken = new HashMap<>();

    /** Prompts as the host shows them, each with the answer the test gives. */
    private final BlockingQueue<Asked> asked = new LinkedBlockingQueue<>();

    private final List<ConsentRequest> withdrawn = new CopyOnWriteArrayList<>();

    private TestServer server;
    private WorldPluginManager plugins;

    private record Heard(String world, ComponentEvent event, String thread) {}

    private record Asked(ConsentRequest request, CompletableFuture<ConsentAnswer> answer) {}

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(HostFixture.pluginJar(), dir.resolve("plugins/websocket-plugin.jar"));
        for (SimpleWorld world : List.of(castle, harbour)) {
            world.updateThread().start();
            world.updateThread()
                    .call(
                            () -> world.addUser("carol", "Carol", "m-carol", true, true, true),
                            10_000);
            world.addEventSink(
                    event -> {
                        synchronized (heard) {
                            heard.add(
                                    new Heard(
                                            world.name(), event, Thread.currentThread().getName()));
                            heard.notifyAll();
                        }
                    });
        }
    }

    private void startPlugins(String config) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(
                dir.resolve("config/websocket-client.yaml"),
                "network: { blockPrivateAddresses: false }\n" + config);
        ConsentPrompt prompt =
                new ConsentPrompt() {
                    @Override
                    public CompletionStage<ConsentAnswer> ask(ConsentRequest request) {
                        CompletableFuture<ConsentAnswer> answer = new CompletableFuture<>();
                        asked.add(new Asked(request, answer));
                        return answer;
                    }

                    @Override
                    public void withdraw(ConsentRequest request) {
                        withdrawn.add(request);
                    }
                };
        plugins =
                WorldPluginManager.builder(dir.resolve("plugins"))
                        .config(dir.resolve("config"), new YamlConfigLoader())
                        .hostExtension(new SimpleUserRoles())
                        .hostExtension(prompt)
                        .build();
        plugins.openWorld(castle);
        plugins.openWorld(harbour);
        plugins.loadPlugins();
        plugins.startPlugins();
        assertTrue(plugins.problems().isEmpty(), plugins.problems().toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (plugins != null) {
            plugins.stopPlugins();
            plugins.unloadPlugins();
        }
        castle.updateThread().stop();
        harbour.updateThread().stop();
        server.close();
    }

    private static SimpleComponent addClient(SimpleWorld world, String slot, URI url)
            throws Exception {
        return world.updateThread()
                .call(
                        () ->
                                world.addComponent(
                                        world.addSlot(null, slot),
                                        WebsocketClientNodes.TYPE,
                                        Map.of(
                                                WebsocketClientFields.URL.name(),
                                                url,
                                                WebsocketClientFields.HANDLING_USER.name(),
                                                "carol")),
                        10_000);
    }

    /** The next event of that name in that world after the last one this took. */
    private Heard next(String world, String name) throws InterruptedException {
        String key = world + " " + name;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (heard) {
            while (true) {
                int seen = 0;
                for (Heard event : heard) {
                    if (event.world().equals(world) && event.event().name().equals(name)) {
                        if (seen++ == taken.getOrDefault(key, 0)) {
                            taken.merge(key, 1, Integer::sum);
                            return event;
                        }
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError(
                            "no '"
                                    + name
                                    + "' in "
                                    + world
                                    + " within "
                                    + WAIT_SECONDS
                                    + " s: "
                                    + heard);
                }
                heard.wait(left);
            }
        }
    }

    private List<Heard> heard() {
        synchronized (heard) {
            return List.copyOf(heard);
        }
    }

    private Asked nextPrompt() throws InterruptedException {
        Asked prompt = asked.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(prompt != null, "nobody was asked");
        return prompt;
    }

    private static String state(SimpleComponent component) throws Exception {
        return component
                .slot()
                .world()
                .updateThread()
                .call(() -> component.field(WebsocketClientFields.STATE).get(), 10_000);
    }

    @Test
    void anAllowInOneWorldNeverConnectsTheSamePersonsComponentInAnother() throws Exception {
        startPlugins("");
        SimpleComponent gate = addClient(castle, "gate", server.uri("/echo"));
        SimpleComponent pier = addClient(harbour, "pier", server.uri("/echo"));
        Asked first = nextPrompt();
        Asked second = nextPrompt();
        assertTrue(
                first.request().world() != second.request().world(),
                "carol is asked once in each world: " + first + " " + second);
        Asked inCastle = first.request().world() == castle ? first : second;
        Asked inHarbour = inCastle == first ? second : first;
        assertSame(harbour, inHarbour.request().world());

        inCastle.answer().complete(ConsentAnswer.GRANTED_ONCE);
        next("castle", WebsocketEvents.CONNECTED);
        assertEquals("Connected", state(gate));
        assertEquals(
                "AwaitingConsent",
                state(pier),
                "an allow in the castle must not connect the harbour's component");
        assertEquals(1, server.openSessions());

        inHarbour.answer().complete(ConsentAnswer.DENIED);
        next("harbour", WebsocketEvents.DENIED);
        assertEquals("Denied", state(pier));
    }

    @Test
    void alwaysIsThePersonsDecisionInEveryWorld() throws Exception {
        startPlugins("");
        addClient(castle, "gate", server.uri("/echo"));
        nextPrompt().answer().complete(ConsentAnswer.GRANTED_ALWAYS);
        next("castle", WebsocketEvents.CONNECTED);
        SimpleComponent pier = addClient(harbour, "pier", server.uri("/echo"));
        next("harbour", WebsocketEvents.CONNECTED);
        assertEquals("Connected", state(pier));
        assertTrue(asked.isEmpty(), "carol said always: nobody asks her again, anywhere");
    }

    @Test
    void noMessageOrEventCrossesAndEachWorldHearsOnItsOwnThread() throws Exception {
        startPlugins("allowlist: [ \"ws://127.0.0.1:" + server.port() + "\" ]\n");
        SimpleComponent gate = addClient(castle, "gate", server.uri("/echo"));
        addClient(harbour, "pier", server.uri("/echo"));
        next("castle", WebsocketEvents.CONNECTED);
        next("harbour", WebsocketEvents.CONNECTED);
        castle.updateThread()
                .call(
                        () ->
                                ((WebsocketClientNodes) gate.behaviour().orElseThrow())
                                        .sendText("only the castle"),
                        10_000);
        Heard echoed = next("castle", WebsocketEvents.TEXT);
        assertEquals("only the castle", echoed.event().get("data"));
        assertEquals("world-update[castle]", echoed.thread());
        assertTrue(
                heard().stream()
                        .noneMatch(
                                h ->
                                        h.world().equals("harbour")
                                                && h.event().name().equals(WebsocketEvents.TEXT)),
                "the harbour heard the castle's message");
        for (Heard event : heard()) {
            assertEquals("world-update[" + event.world() + "]", event.thread(), event.toString());
        }
    }

    @Test
    void theCapPerWorldHoldsInEachWorldAndThePersonsCapAcrossThem() throws Exception {
        startPlugins(
                "allowlist: [ \"ws://127.0.0.1:"
                        + server.port()
                        + "\" ]\nlimits: { connectionsPerWorld: 2, connectionsPerUser: 3 }\n");
        addClient(castle, "gate", server.uri("/echo"));
        next("castle", WebsocketEvents.CONNECTED);
        addClient(castle, "tower", server.uri("/echo"));
        next("castle", WebsocketEvents.CONNECTED);

        addClient(castle, "keep", server.uri("/echo"));
        Heard castleFull = next("castle", WebsocketEvents.CONNECT_FAILED);
        assertEquals("limit", castleFull.event().get("kind"));
        assertTrue(
                castleFull.event().get("error").toString().contains("connectionsPerWorld"),
                "carol holds two of three, but the castle holds two already: " + castleFull);

        addClient(harbour, "pier", server.uri("/echo"));
        next("harbour", WebsocketEvents.CONNECTED);
        addClient(harbour, "dock", server.uri("/echo"));
        Heard carolFull = next("harbour", WebsocketEvents.CONNECT_FAILED);
        assertEquals("limit", carolFull.event().get("kind"));
        assertTrue(
                carolFull.event().get("error").toString().contains("connectionsPerUser"),
                "the harbour has room, but carol holds three across both worlds: " + carolFull);
        assertEquals(3, server.openSessions());
    }

    @Test
    void closingOneWorldSaysWorldClosedThereAndLeavesTheOtherConnected() throws Exception {
        startPlugins("allowlist: [ \"ws://127.0.0.1:" + server.port() + "\" ]\n");
        addClient(castle, "gate", server.uri("/echo"));
        SimpleComponent pier = addClient(harbour, "pier", server.uri("/echo"));
        next("castle", WebsocketEvents.CONNECTED);
        next("harbour", WebsocketEvents.CONNECTED);
        // another host name than the allowlisted one: carol is asked
        addClient(castle, "asking", URI.create("ws://localhost:" + server.port() + "/echo"));
        nextPrompt();

        plugins.closeWorld(castle);
        Heard closed = next("castle", WebsocketEvents.DISCONNECTED);
        assertEquals(1001, ((Number) closed.event().get("code")).intValue());
        assertEquals("world closed", closed.event().get("reason"));
        assertEquals(1, withdrawn.size(), "the castle's prompt is withdrawn: " + withdrawn);
        assertSame(castle, withdrawn.get(0).world());
        castle.updateThread().stop(); // nothing of the manager waits on it any more
        assertEquals("Connected", state(pier));
        assertEquals(List.of("harbour"), plugins.openWorlds());
    }

    @Test
    void aReloadWithBothWorldsLiveDisconnectsEveryComponentOnceThenReconnectsThem()
            throws Exception {
        startPlugins("allowlist: [ \"ws://127.0.0.1:" + server.port() + "\" ]\n");
        addClient(castle, "gate", server.uri("/echo"));
        addClient(harbour, "pier", server.uri("/echo"));
        next("castle", WebsocketEvents.CONNECTED);
        next("harbour", WebsocketEvents.CONNECTED);
        plugins.reloadPlugin("websocket-client");
        assertEquals(
                "plugin stopped",
                next("castle", WebsocketEvents.DISCONNECTED).event().get("reason"));
        assertEquals(
                "plugin stopped",
                next("harbour", WebsocketEvents.DISCONNECTED).event().get("reason"));
        next("castle", WebsocketEvents.CONNECTED);
        next("harbour", WebsocketEvents.CONNECTED);
    }
}
