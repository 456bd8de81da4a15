package dev.wsworld.api.world;

import java.util.Collection;
import java.util.Optional;

/** A running world: its users, its slot hierarchy and its update thread. */
public interface World {
    String name();

    Collection<? extends User> users();

    Optional<? extends User> user(String id);

    /** Finds a slot by its {@link Slot#path() path}. */
    Optional<? extends Slot> slot(String path);

    UpdateThread updateThread();

    /** Listeners are called on the update thread. */
    void addListener(WorldListener listener);

    void removeListener(WorldListener listener);
}
