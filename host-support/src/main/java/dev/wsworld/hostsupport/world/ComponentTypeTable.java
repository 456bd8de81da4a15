package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.ComponentBehaviour;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.ComponentTypeRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SimpleWorld}'s component types. Registration and removal run on the update thread
 * (waiting for it when called from elsewhere, e.g. PF4J starting a plugin), so behaviours attach
 * and detach between ticks.
 */
public final class ComponentTypeTable implements ComponentTypeRegistry {
    private static final long TIMEOUT_MILLIS = 30_000;

    private final SimpleWorld world;
    private final Map<String, ComponentType> types = new ConcurrentHashMap<>();

    ComponentTypeTable(SimpleWorld world) {
        this.world = world;
    }

    @Override
    public void register(ComponentType type) {
        onUpdateThread(
                () -> {
                    ComponentType existing = types.putIfAbsent(type.name(), type);
                    if (existing != null && existing != type) {
                        throw new IllegalStateException(
                                "component type '" + type.name() + "' is already registered");
                    }
                    world.attachAll(type);
                });
    }

    @Override
    public void unregister(ComponentType type) {
        onUpdateThread(
                () -> {
                    if (types.remove(type.name(), type)) {
                        world.detachAll(
                                type.name(), ComponentBehaviour.DetachReason.TYPE_UNREGISTERED);
                    }
                });
    }

    @Override
    public Optional<ComponentType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(types.keySet());
    }

    private void onUpdateThread(Runnable work) {
        try {
            world.updateThread()
                    .call(
                            () -> {
                                work.run();
                                return null;
                            },
                            TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
