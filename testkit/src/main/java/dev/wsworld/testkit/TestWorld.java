package dev.wsworld.testkit;

import dev.wsworld.api.websocketclient.WebsocketClientFields;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.hostsupport.plugins.WorldPluginManager;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleUser;
import dev.wsworld.hostsupport.world.SimpleUserRoles;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.TickLoop;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A world for one test, hosted as a real host hosts it: a {@link SimpleWorld} with its tick loop,
 * the packaged plugin loaded through PF4J by a {@link WorldPluginManager}, {@link SimpleUserRoles},
 * the kit's {@link TestConsentPrompt}, and its config ({@code websocket-client.yaml}, read by
 * {@link YamlConfigLoader}) in a temporary directory. {@link WorldTest} makes one per test and
 * stops it after; everything here may be called from the test's thread, and hops to the world's
 * update thread itself.
 */
public final class TestWorld {
    private static final Logger LOG = LoggerFactory.getLogger(TestWorld.class);

    /**
     * The kit's settings, under the test's own ({@link WorldConfig}).
     *
     * <ul>
     *   <li>{@code network.blockPrivateAddresses: false}: the plugin refuses loopback by default,
     *       and the kit's scripted servers (and a service the test starts) listen on 127.0.0.1.
     *       Every connection still asks its user, as the test's {@link Consent} answers.
     *   <li>{@code defaults.retry.jitter: 0}: a retry falls due exactly at its interval (or its
     *       back-off step), so a {@link ManualClock} reaches it by the interval alone.
     * </ul>
     */
    public static final String KIT_DEFAULTS =
            """
            network:
              blockPrivateAddresses: false
            defaults:
              retry:
                jitter: 0
            """;

    /** How long a hop to the update thread may take, generous for a loaded machine. */
    private static final long CALL_MILLIS = Waits.DEFAULT.toMillis();

    private final String name;
    private final Path directory;
    private final String config;
    private final SimpleWorld world;
    private final WorldEvents events = new WorldEvents();
    private final TestConsentPrompt consent;
    private final ManualClock clock;
    private final WorldPluginManager plugins;
    private boolean stopped;

    /** What a world is made of; {@link WorldExtension} reads it off the test. */
    record Setup(
            String name,
            double ticksPerSecond,
            ConsentPolicy consent,
            List<String> configLayers,
            boolean manualClock,
            boolean trustKitCertificates) {}

    private TestWorld(Setup setup) throws IOException {
        name = setup.name();
        directory = Files.createTempDirectory("wsworld-testkit-world");
        try {
            Path pluginsDirectory = Files.createDirectories(directory.resolve("plugins"));
            Files.copy(PluginArtifact.locate(), pluginsDirectory.resolve("websocket-plugin.jar"));
            Path configDirectory = Files.createDirectories(directory.resolve("config"));
            List<String> layers = new ArrayList<>();
            layers.add(KIT_DEFAULTS);
            if (setup.trustKitCertificates()) {
                Files.copy(
                        KitCertificates.shared().trustStore(),
                        configDirectory.resolve("kit-trust.p12"));
                layers.add(
                        "network: { trustStore: { path: kit-trust.p12, type: PKCS12, password: "
                                + KitCertificates.PASSWORD
                                + ", mode: add } }");
            }
            layers.addAll(setup.configLayers());
            config =
                    KitConfig.merge(
                            "# Written by the wsworld test kit for one test: its defaults"
                                    + " (TestWorld.KIT_DEFAULTS),\n"
                                    + "# then the test's @WorldConfig. blockPrivateAddresses is"
                                    + " off because the kit's servers listen\n"
                                    + "# on 127.0.0.1; retry jitter is 0 so a retry falls due"
                                    + " exactly at its interval.\n",
                            layers);
            Files.writeString(configDirectory.resolve("websocket-client.yaml"), config);

            world = new SimpleWorld(name, setup.ticksPerSecond());
            world.addEventSink(events::record); // before the loop starts: no event is missed
            consent = new TestConsentPrompt(setup.consent());
            clock = setup.manualClock() ? new ManualClock() : null;
            WorldPluginManager.Builder builder =
                    WorldPluginManager.builder(pluginsDirectory)
                            .config(configDirectory, new YamlConfigLoader())
                            .hostExtension(new SimpleUserRoles())
                            .hostExtension(consent);
            if (clock != null) {
                clock.serve(world.updateThread());
                builder.time(clock);
            }
            plugins = builder.build();
        } catch (IOException | RuntimeException e) {
            KitCertificates.deleteTree(directory);
            throw e;
        }
    }

    /**
     * Starts a world: its loop, then the plugin.
     *
     * @throws IllegalStateException when the plugin did not start, naming why
     */
    static TestWorld start(Setup setup) throws IOException {
        TestWorld started = new TestWorld(setup);
        try {
            started.world.updateThread().start();
            started.plugins.openWorld(started.world);
            started.plugins.loadPlugins();
            started.plugins.startPlugins(); // off the update thread: types register through it
            List<String> problems = started.plugins.problems();
            if (!problems.isEmpty()
                    || started.world.componentTypes().find(WebsocketClientNodes.TYPE).isEmpty()) {
                throw new IllegalStateException(
                        "the WebsocketClient plugin did not start: "
                                + (problems.isEmpty() ? "it registered no type" : problems)
                                + "; its config was:\n"
                                + started.config);
            }
        } catch (RuntimeException e) {
            started.stop();
            throw e;
        }
        return started;
    }

    /**
     * The world's name: the test method's.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The world model. Change it and read it on the update thread only: {@link #run} and {@link
     * #call}.
     *
     * @return the model
     */
    public SimpleWorld world() {
        return world;
    }

    /**
     * The world's directory: {@code plugins/} with the plugin jar and {@code config/} with its
     * settings. Deleted when the world stops.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * The {@code websocket-client.yaml} the plugin read: the kit's defaults and the test's
     * settings, merged.
     *
     * @return the file's text
     */
    public String config() {
        return config;
    }

    /**
     * The kit's consent prompt, which the plugin asks.
     *
     * @return the prompt
     */
    public TestConsentPrompt consent() {
        return consent;
    }

    /**
     * The world's events.
     *
     * @return the events
     */
    public WorldEvents events() {
        return events;
    }

    /**
     * The manual clock the plugin runs on, when the test asked for one.
     *
     * @return the clock, or empty when the plugin runs on real time
     */
    public Optional<ManualClock> clock() {
        return Optional.ofNullable(clock);
    }

    /**
     * Does work on the update thread and waits for it.
     *
     * @param work what to do with the world
     * @throws IllegalStateException when the update thread does not answer within 20 s
     */
    public void run(Consumer<SimpleWorld> work) {
        call(
                model -> {
                    work.accept(model);
                    return null;
                });
    }

    /**
     * Does work on the update thread and returns its result.
     *
     * @param work what to do with the world
     * @param <T> what the work returns
     * @return what the work returned
     * @throws IllegalStateException when the update thread does not answer within 20 s
     */
    public <T> T call(Function<SimpleWorld, T> work) {
        try {
            return world.updateThread().call(() -> work.apply(world), CALL_MILLIS);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A user joins the session (made if unknown, not local); the plugin hears {@code userJoined}.
     *
     * @param userId the user's id
     * @return the user
     */
    public SimpleUser join(String userId) {
        return call(model -> model.join(userId, false));
    }

    /**
     * A user joins and hosts the session: the handling user of a component nobody else handles.
     *
     * @param userId the user's id
     * @return the user
     */
    public SimpleUser joinAsHost(String userId) {
        return call(model -> model.join(userId, true));
    }

    /**
     * A user leaves the session; the plugin hears {@code userLeft}.
     *
     * @param userId the user's id
     */
    public void leave(String userId) {
        run(model -> model.leave(userId));
    }

    /**
     * Adds a WebsocketClient pointed at a URL, on a slot made for it (with its parents).
     *
     * @param slotPath such as {@code Chat} or {@code Room/Chat}
     * @param url the {@code URL} field
     * @return the client
     */
    public ClientComponent addClient(String slotPath, URI url) {
        return addClient(slotPath, Map.of(WebsocketClientFields.URL.name(), url));
    }

    /**
     * Adds a WebsocketClient with its fields, on a slot made for it (with its parents) unless it
     * exists. Fields are set before its behaviour attaches, as a loaded world sets them.
     *
     * @param slotPath such as {@code Chat} or {@code Room/Chat}
     * @param fields values by field name ({@code WebsocketClientFields.URL.name()}), of the fields'
     *     types ({@code URI}, {@code Float} for {@code ConnectRetryInterval} …)
     * @return the client
     */
    public ClientComponent addClient(String slotPath, Map<String, ?> fields) {
        Map<String, Object> values = new LinkedHashMap<>(fields);
        SimpleComponent component =
                call(
                        model ->
                                model.addComponent(
                                        slot(model, slotPath), WebsocketClientNodes.TYPE, values));
        return new ClientComponent(this, component);
    }

    private static SimpleSlot slot(SimpleWorld model, String path) {
        SimpleSlot parent = null;
        StringBuilder at = new StringBuilder();
        for (String part : path.split("/", -1)) {
            at.append(at.length() == 0 ? "" : "/").append(part);
            SimpleSlot under = parent;
            parent = model.slot(at.toString()).orElseGet(() -> model.addSlot(under, part));
        }
        return parent;
    }

    /**
     * The first WebsocketClient on a slot.
     *
     * @param slotPath the slot's path
     * @return the client
     * @throws IllegalArgumentException when the slot has none
     */
    public ClientComponent client(String slotPath) {
        SimpleComponent component =
                call(
                        model ->
                                model.requireSlot(slotPath).simpleComponents().stream()
                                        .filter(c -> c.typeName().equals(WebsocketClientNodes.TYPE))
                                        .findFirst()
                                        .orElseThrow(
                                                () ->
                                                        new IllegalArgumentException(
                                                                "no WebsocketClient on "
                                                                        + slotPath)));
        return new ClientComponent(this, component);
    }

    /**
     * Removes a slot with its children and components: each client closes its connection.
     *
     * @param slotPath the slot's path
     */
    public void removeSlot(String slotPath) {
        run(model -> model.removeSlot(model.requireSlot(slotPath)));
    }

    /**
     * The ticks the world has run.
     *
     * @return the tick count now
     */
    public long tick() {
        return world.updateThread().tick();
    }

    /**
     * Waits until the world has run {@code ticks} more ticks, each to its end ({@link #tick()} has
     * grown by at least that much). The loop runs on real time at the test's tick rate: waiting for
     * ticks lets the world take in what arrived (each component takes its events in its next
     * update), but no network outcome is promised by a tick count; wait for events for those.
     *
     * @param ticks how many, at least 1
     * @throws AssertionFailedError when they do not pass within 20 s
     */
    public void awaitTicks(int ticks) {
        if (ticks < 1) {
            throw new IllegalArgumentException("wait for at least one tick, not " + ticks);
        }
        CompletableFuture<Void> passed = new CompletableFuture<>();
        TickLoop loop = world.updateThread();
        // a posted task runs at the start of a tick (the next, or the one starting now): one
        // more repost than asked makes sure the last tick counted has ended
        loop.post(
                new Runnable() {
                    private int left = ticks + 1;

                    @Override
                    public void run() {
                        if (--left == 0) {
                            passed.complete(null);
                        } else {
                            loop.post(this);
                        }
                    }
                });
        try {
            passed.get(Waits.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionFailedError(ticks + " ticks did not pass within " + Waits.DEFAULT);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for ticks", e);
        }
    }

    /**
     * What went wrong loading the plugin, one line each.
     *
     * @return the problems; empty when it runs
     */
    public List<String> problems() {
        return plugins.problems();
    }

    /**
     * Stops the world as a host does: the plugin stops (every open connection closes with 1001 and
     * the world hears each {@code disconnected}), is unloaded, and the loop stops; then the
     * directory is deleted. The events stay readable. Done after each test; calling it again does
     * nothing.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            plugins.stopPlugins();
            plugins.unloadPlugins();
        } finally {
            world.updateThread().stop();
            KitCertificates.deleteTree(directory);
            LOG.debug("world {} stopped", name);
        }
    }

    @Override
    public String toString() {
        return "test world " + name;
    }
}
