package dev.wsworld.api.world;

import java.util.Optional;
import java.util.Set;

/**
 * Component types the host knows. Registering a type attaches behaviours to existing instances of
 * it; unregistering detaches them and leaves the instances as data.
 *
 * <p>Threads: plugins call {@code register} and {@code unregister} from the thread that starts or
 * stops them (PF4J's), never from the update thread. A host makes each take effect on the update
 * thread, between ticks, and returns only when it has: when {@code unregister} returns, every
 * instance's {@link ComponentBehaviour#onDetach} has run, so the plugin may release what its
 * behaviours used.
 */
public interface ComponentTypeRegistry {
    /**
     * Adds a type and attaches a behaviour to each instance of it already in the world.
     *
     * @param type the type
     * @throws IllegalStateException when a type of that name is already registered
     */
    void register(ComponentType type);

    /**
     * Removes the type if it is registered (by this exact instance) and detaches every instance
     * with {@link ComponentBehaviour.DetachReason#TYPE_UNREGISTERED}; no-op otherwise.
     *
     * @param type the type, as registered
     */
    void unregister(ComponentType type);

    /**
     * Finds a registered type. Any thread.
     *
     * @param name the type's name
     * @return the type, or empty when none of that name is registered
     */
    Optional<ComponentType> find(String name);

    /**
     * The registered types' names. Any thread.
     *
     * @return a snapshot of the names
     */
    Set<String> names();
}
