package dev.wsworld.bench;

import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.world.ComponentEvent;
import dev.wsworld.api.world.ComponentEventListener;
import dev.wsworld.host.consent.ConsentPresets;
import dev.wsworld.host.consent.PendingPrompts;
import dev.wsworld.host.consent.StubConsentPrompt;
import dev.wsworld.host.events.EventJournal;
import dev.wsworld.hostsupport.consent.ConsentDecisionsFile;
import dev.wsworld.hostsupport.plugins.WorldPluginManager;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleUserRoles;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.TickLoop;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.PluginState;

/**
 * The component path: the host stub's worlds and tick loops with the packaged plugin loaded through
 * PF4J, as a host runs it; with the console's event journal only when a scenario asks for it. One
 * world unless a scenario asks for several; {@link #world} and {@link #loop} are the first.
 */
final class WorldHarness implements AutoCloseable {
    final TickLoop loop;
    final SimpleWorld world;
    final List<SimpleWorld> worlds = new ArrayList<>();
    private final WorldPluginManager plugins;
    private EventJournal journal;

    WorldHarness(Path pluginsDirectory, Path configDirectory, List<String> vouched, double tickRate)
            throws Exception {
        this(pluginsDirectory, configDirectory, vouched, tickRate, 1);
    }

    WorldHarness(
            Path pluginsDirectory,
            Path configDirectory,
            List<String> vouched,
            double tickRate,
            int worldCount)
            throws Exception {
        for (int i = 0; i < worldCount; i++) {
            SimpleWorld opened = new SimpleWorld(worldCount == 1 ? "bench" : "bench" + i, tickRate);
            opened.updateThread().start();
            worlds.add(opened);
        }
        world = worlds.get(0);
        loop = world.updateThread();
        YamlConfigLoader yaml = new YamlConfigLoader();
        ConsentDecisionsFile decisions = ConsentDecisionsFile.load(configDirectory, yaml);
        WorldPluginManager.Builder builder =
                WorldPluginManager.builder(pluginsDirectory)
                        .config(configDirectory, yaml)
                        .hostExtension(
                                new StubConsentPrompt(
                                        new PendingPrompts(text -> {}, false),
                                        ConsentPresets.parse(ConsentPresets.NONE, "bench=allow")))
                        .hostExtension(new SimpleUserRoles())
                        .hostExtension(decisions);
        vouched.forEach(builder::vouch);
        plugins = builder.build();
        worlds.forEach(plugins::openWorld);
        plugins.loadPlugins();
        plugins.startPlugins();
        if (plugins.getStartedPlugins().isEmpty()
                || plugins.getPlugin("websocket-client").getPluginState() != PluginState.STARTED) {
            throw new IllegalStateException(
                    "the plugin did not start from "
                            + pluginsDirectory.toAbsolutePath()
                            + ": "
                            + plugins.problems());
        }
        for (SimpleWorld each : worlds) {
            // the same person in every world
            each.updateThread()
                    .call(
                            () -> each.addUser("bench", "Bench", "m-bench", true, true, true),
                            30_000);
        }
    }

    /** Adds {@code count} clients to the first world, in batches so no tick does all the work. */
    List<SimpleComponent> addClients(
            String prefix, int count, URI url, ComponentEventListener listener) throws Exception {
        return addClients(world, prefix, count, url, listener);
    }

    /** Adds {@code count} clients to one world, in batches so no single tick does all the work. */
    List<SimpleComponent> addClients(
            SimpleWorld world, String prefix, int count, URI url, ComponentEventListener listener)
            throws Exception {
        TickLoop loop = world.updateThread();
        List<SimpleComponent> added = new ArrayList<>(count);
        for (int start = 0; start < count; start += 500) {
            int from = start;
            int to = Math.min(count, start + 500);
            added.addAll(
                    loop.call(
                            () -> {
                                List<SimpleComponent> batch = new ArrayList<>();
                                for (int i = from; i < to; i++) {
                                    SimpleSlot slot = world.addSlot(null, prefix + i);
                                    Map<String, Object> fields = new LinkedHashMap<>();
                                    fields.put("URL", url);
                                    fields.put("HandlingUser", "bench");
                                    fields.put("ConnectRetryInterval", 30f);
                                    SimpleComponent component =
                                            world.addComponent(
                                                    slot, WebsocketClientNodes.TYPE, fields);
                                    component.addEventListener(listener);
                                    batch.add(component);
                                }
                                return batch;
                            },
                            120_000));
        }
        return added;
    }

    /** Records every event in a host-stub event journal, as the console does. */
    EventJournal recordToJournal() {
        journal = new EventJournal(world.name(), System.nanoTime());
        world.addEventSink(journal::record);
        loop.afterEachTick(journal::wakeReaders);
        return journal;
    }

    /** Fills the journal with {@code count} events of a disabled client, on the update thread. */
    void fillJournal(int count) throws Exception {
        loop.call(
                () -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("Enabled", false);
                    SimpleComponent filler =
                            world.addComponent(
                                    world.addSlot(null, "filler"),
                                    WebsocketClientNodes.TYPE,
                                    fields);
                    for (int i = 0; i < count; i++) {
                        journal.record(
                                new ComponentEvent(
                                        filler,
                                        "text",
                                        Map.of("data", "filler " + i),
                                        loop.tick()));
                    }
                    return null;
                },
                120_000);
    }

    @Override
    public void close() {
        plugins.stopPlugins();
        plugins.unloadPlugins();
        worlds.forEach(each -> each.updateThread().stop());
    }
}
