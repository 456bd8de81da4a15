package dev.wsworld.hostsupport.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.world.ComponentBehaviour;
import dev.wsworld.api.world.ComponentContext;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One manager, several worlds: what a plugin registers reaches every open world, on each world's
 * own update thread; a closed world is left alone; a world whose thread stopped is not waited for.
 */
class OpenWorldsTest {
    @TempDir Path plugins;

    private final SimpleWorld castle = new SimpleWorld("castle", 200);
    private final SimpleWorld harbour = new SimpleWorld("harbour", 200);

    /** "world: what happened, on which thread", for every attach, update and detach. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private final ComponentType probe =
            new ComponentType() {
                @Override
                public String name() {
                    return "Probe";
                }

                @Override
                public List<FieldSpec<?>> fields() {
                    return List.of();
                }

                @Override
                public ComponentBehaviour attach(ComponentContext context) {
                    String world = context.world().name();
                    seen.add(world + ": attached on " + Thread.currentThread().getName());
                    return new ComponentBehaviour() {
                        @Override
                        public void onUpdate() {
                            seen.add(world + ": updated on " + Thread.currentThread().getName());
                        }

                        @Override
                        public void onDetach(DetachReason reason) {
                            seen.add(world + ": detached " + reason);
                        }
                    };
                }
            };

    @AfterEach
    void stop() {
        castle.updateThread().stop();
        harbour.updateThread().stop();
    }

    private static void addProbe(SimpleWorld world, String slot) throws Exception {
        world.updateThread()
                .call(
                        () -> world.addComponent(world.addSlot(null, slot), "Probe", Map.of()),
                        10_000);
    }

    @Test
    void aTypeRegisteredOnceAttachesInEveryOpenWorldOnThatWorldsThread() throws Exception {
        castle.updateThread().start();
        harbour.updateThread().start();
        WorldPluginManager manager = WorldPluginManager.builder(plugins).build();
        manager.openWorld(castle);
        manager.openWorld(harbour);
        manager.componentTypes().register(probe);
        addProbe(castle, "gate");
        addProbe(harbour, "pier");

        assertEquals(List.of("castle", "harbour"), manager.openWorlds());
        assertTrue(seen.contains("castle: attached on world-update[castle]"), seen.toString());
        assertTrue(seen.contains("harbour: attached on world-update[harbour]"), seen.toString());

        manager.componentTypes().unregister(probe);
        assertTrue(seen.contains("castle: detached TYPE_UNREGISTERED"), seen.toString());
        assertTrue(seen.contains("harbour: detached TYPE_UNREGISTERED"), seen.toString());
    }

    @Test
    void aWorldOpenedLaterGetsTheTypesAlreadyRegistered() throws Exception {
        castle.updateThread().start();
        WorldPluginManager manager = WorldPluginManager.builder(plugins).build();
        manager.componentTypes().register(probe);
        manager.openWorld(castle);
        assertTrue(castle.componentTypes().find("Probe").isPresent());
        assertThrows(IllegalStateException.class, () -> manager.openWorld(castle));
    }

    @Test
    void closingAWorldDetachesItsComponentsAsClosedAndLeavesItOutOfPluginStops() throws Exception {
        castle.updateThread().start();
        harbour.updateThread().start();
        WorldPluginManager manager = WorldPluginManager.builder(plugins).build();
        manager.openWorld(castle);
        manager.openWorld(harbour);
        manager.componentTypes().register(probe);
        addProbe(castle, "gate");
        addProbe(harbour, "pier");

        manager.closeWorld(castle);
        assertTrue(seen.contains("castle: detached WORLD_CLOSED"), seen.toString());
        castle.updateThread().stop();

        long started = System.nanoTime();
        manager.componentTypes().unregister(probe); // must not wait on the stopped castle thread
        assertTrue(
                System.nanoTime() - started < 10_000_000_000L,
                "an unregister waited on a closed world");
        assertTrue(seen.contains("harbour: detached TYPE_UNREGISTERED"), seen.toString());
        assertEquals(List.of("harbour"), manager.openWorlds());
    }

    @Test
    void aWorldWhoseThreadStoppedWithoutClosingIsSkippedAtOnceNotAwaited() throws Exception {
        castle.updateThread().start();
        harbour.updateThread().start();
        WorldPluginManager manager = WorldPluginManager.builder(plugins).build();
        manager.openWorld(castle);
        manager.openWorld(harbour);
        castle.updateThread().stop(); // a host's mistake: it should have closed the world first

        long started = System.nanoTime();
        manager.componentTypes().register(probe);
        assertTrue(
                System.nanoTime() - started < 10_000_000_000L,
                "registering waited on a stopped update thread");
        assertTrue(harbour.componentTypes().find("Probe").isPresent(), "the other world has it");
    }
}
