package dev.wsworld.api.world;

/**
 * Changes of a world that matter to who is responsible for an object. Called on the update
 * thread, after the change took effect.
 */
public interface WorldListener {
    default void userJoined(User user) {
    }

    default void userLeft(User user) {
    }

    default void hostChanged(User newHost) {
    }

    /** The wearer, spawner or interactor of the slot changed. */
    default void slotRolesChanged(Slot slot) {
    }
}
