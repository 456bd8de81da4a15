package dev.wsworld.api.world;

import java.util.Collection;
import java.util.Optional;

/**
 * A running world: its users, its slot hierarchy and its update thread. Read it on the update
 * thread. A host tells its {@link WorldListener}s of every change they name: the plugin learns of
 * users joining and leaving, a new session host, and new wearers, spawners and interactors only
 * through them.
 */
public interface World {
    /**
     * The world's name.
     *
     * @return the name
     */
    String name();

    /**
     * Users known to the session, present or not.
     *
     * @return the users
     */
    Collection<? extends User> users();

    /**
     * Finds a user by id.
     *
     * @param id the user's {@link User#id()}
     * @return the user, present or not, or empty when unknown
     */
    Optional<? extends User> user(String id);

    /**
     * Finds a slot by its {@link Slot#path() path}.
     *
     * @param path slash-separated names from the root
     * @return the slot, or empty when there is none there
     */
    Optional<? extends Slot> slot(String path);

    /**
     * The thread that changes this world, and how to hand it work.
     *
     * @return the update thread
     */
    UpdateThread updateThread();

    /**
     * Subscribes to changes of users and roles. Listeners are called on the update thread.
     *
     * @param listener the listener
     */
    void addListener(WorldListener listener);

    /**
     * Unsubscribes a listener.
     *
     * @param listener the listener to remove; nothing happens when it was not added
     */
    void removeListener(WorldListener listener);
}
