package dev.wsworld.bench;

import dev.wsworld.api.world.ComponentEvent;
import dev.wsworld.api.world.ComponentEventListener;
import dev.wsworld.api.nodes.WebsocketClientNodes;
import dev.wsworld.host.consent.ConsentDecisionsFile;
import dev.wsworld.host.consent.PendingPrompts;
import dev.wsworld.host.events.EventJournal;
import dev.wsworld.host.plugins.HostPluginManager;
import dev.wsworld.host.world.ConsentPolicy;
import dev.wsworld.host.world.StubComponent;
import dev.wsworld.host.world.StubSlot;
import dev.wsworld.host.world.StubWorld;
import dev.wsworld.host.world.TickLoop;
import dev.wsworld.host.yaml.YamlConfigLoader;
import org.pf4j.PluginState;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The component path: the host stub's world and tick loop with the packaged plugin loaded through
 * PF4J, as a host runs it; with the console's event journal only when a scenario asks for it.
 */
final class WorldHarness implements AutoCloseable {
    final TickLoop loop;
    final StubWorld world;
    private final HostPluginManager plugins;
    private EventJournal journal;

    WorldHarness(Path pluginsDirectory, Path configDirectory, List<String> vouched, double tickRate) throws Exception {
        loop = new TickLoop(tickRate);
        world = new StubWorld("bench", loop);
        loop.start();
        YamlConfigLoader yaml = new YamlConfigLoader();
        ConsentDecisionsFile decisions = ConsentDecisionsFile.load(configDirectory, yaml);
        plugins = new HostPluginManager(pluginsDirectory, world.componentTypes(), configDirectory, yaml,
                Map.of(PendingPrompts.class, new PendingPrompts(text -> { }, false), ConsentDecisionsFile.class, decisions),
                vouched);
        plugins.loadPlugins();
        plugins.startPlugins();
        if (plugins.getStartedPlugins().isEmpty() || plugins.getPlugin("websocket-client").getPluginState() != PluginState.STARTED) {
            throw new IllegalStateException("the plugin did not start from " + pluginsDirectory.toAbsolutePath()
                    + ": " + plugins.problems());
        }
        loop.call(() -> world.addUser("bench", "Bench", "m-bench", true, ConsentPolicy.ALLOW, true, true), 30_000);
    }

    /** Adds {@code count} clients, in batches so no single tick does all the work. */
    List<StubComponent> addClients(String prefix, int count, URI url, ComponentEventListener listener) throws Exception {
        List<StubComponent> added = new ArrayList<>(count);
        for (int start = 0; start < count; start += 500) {
            int from = start;
            int to = Math.min(count, start + 500);
            added.addAll(loop.call(() -> {
                List<StubComponent> batch = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    StubSlot slot = world.addSlot(null, prefix + i);
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("URL", url);
                    fields.put("HandlingUser", "bench");
                    fields.put("ConnectRetryInterval", 30f);
                    StubComponent component = world.addComponent(slot, WebsocketClientNodes.TYPE, fields);
                    component.addEventListener(listener);
                    batch.add(component);
                }
                return batch;
            }, 120_000));
        }
        return added;
    }

    /** Records every event in a host-stub event journal, as the console does. */
    EventJournal recordToJournal() {
        journal = new EventJournal(System.nanoTime());
        world.addEventSink(journal::record);
        loop.afterEachTick(journal::wakeReaders);
        return journal;
    }

    /** Fills the journal with {@code count} events of a disabled client, on the update thread. */
    void fillJournal(int count) throws Exception {
        loop.call(() -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Enabled", false);
            StubComponent filler = world.addComponent(world.addSlot(null, "filler"), WebsocketClientNodes.TYPE, fields);
            for (int i = 0; i < count; i++) {
                journal.record(new ComponentEvent(filler, "text", Map.of("data", "filler " + i), loop.tick()));
            }
            return null;
        }, 120_000);
    }

    @Override
    public void close() {
        plugins.stopPlugins();
        plugins.unloadPlugins();
        loop.stop();
    }
}
