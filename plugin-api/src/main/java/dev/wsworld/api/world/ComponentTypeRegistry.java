package dev.wsworld.api.world;

import java.util.Optional;
import java.util.Set;

/**
 * Component types the host knows. Registering a type attaches behaviours to existing instances of
 * it; unregistering detaches them and leaves the instances as data.
 */
public interface ComponentTypeRegistry {
    /** @throws IllegalStateException when a type of that name is already registered */
    void register(ComponentType type);

    /** Removes the type if it is registered (by this exact instance); no-op otherwise. */
    void unregister(ComponentType type);

    Optional<ComponentType> find(String name);

    Set<String> names();
}
