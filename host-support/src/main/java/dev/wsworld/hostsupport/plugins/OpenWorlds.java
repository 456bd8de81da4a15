package dev.wsworld.hostsupport.plugins;

import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.ComponentTypeRegistry;
import dev.wsworld.common.text.Failures;
import dev.wsworld.common.text.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worlds a {@link WorldPluginManager} serves, as the one {@link ComponentTypeRegistry} its
 * plugins see: a type registered here is registered in every open world, and in each world opened
 * later; unregistering takes it out of every open world. A closed world is out of the set before
 * anything happens to it, so no plugin start or stop ever waits on its thread.
 *
 * <p>Lock rule: {@code this} guards both tables. It is held while each world's own registry runs,
 * which waits for that world's update thread; update threads never take it, so the wait cannot
 * close a cycle. Callers are PF4J's thread (register, unregister) and the host's (open, close),
 * never an update thread.
 */
final class OpenWorlds implements ComponentTypeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(OpenWorlds.class);

    /** Registered types by name, in registration order. */
    private final Map<String, ComponentType> types = new LinkedHashMap<>();

    /** Each open world's own registry, with the name logs use for it. */
    private final Map<ComponentTypeRegistry, String> worlds = new LinkedHashMap<>();

    @Override
    public synchronized void register(ComponentType type) {
        ComponentType existing = types.get(type.name());
        if (existing != null && existing != type) {
            throw new IllegalStateException(
                    "component type '" + type.name() + "' is already registered");
        }
        types.put(type.name(), type);
        worlds.forEach(
                (world, name) ->
                        inWorld(name, "register " + type.name(), () -> world.register(type)));
    }

    @Override
    public synchronized void unregister(ComponentType type) {
        if (!types.remove(type.name(), type)) {
            return;
        }
        worlds.forEach(
                (world, name) ->
                        inWorld(name, "unregister " + type.name(), () -> world.unregister(type)));
    }

    @Override
    public synchronized Optional<ComponentType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    @Override
    public synchronized Set<String> names() {
        return new TreeSet<>(types.keySet());
    }

    /** Adds a world; every type registered so far attaches to its components. */
    synchronized void open(ComponentTypeRegistry world, String name) {
        if (worlds.containsKey(world)) {
            throw new IllegalStateException("world '" + name + "' is open already");
        }
        worlds.put(world, name);
        for (ComponentType type : new ArrayList<>(types.values())) {
            inWorld(name, "register " + type.name(), () -> world.register(type));
        }
    }

    /**
     * Takes a world out of the set; from now on plugins starting and stopping leave it alone.
     *
     * @return whether it was open
     */
    synchronized boolean close(ComponentTypeRegistry world) {
        return worlds.remove(world) != null;
    }

    /** The open worlds' names, in opening order. */
    synchronized List<String> worldNames() {
        return List.copyOf(worlds.values());
    }

    /**
     * One world's part of a fan-out; a world that fails (its update thread stopped without being
     * closed) is said in one line and does not keep the others from their types.
     */
    private static void inWorld(String name, String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error(
                    "world '{}': cannot {}: {}",
                    TerminalText.escape(name),
                    what,
                    Failures.describe(e));
        }
    }
}
