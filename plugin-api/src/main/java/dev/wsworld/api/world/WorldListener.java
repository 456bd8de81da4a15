package dev.wsworld.api.world;

/**
 * Changes of a world that matter to who is responsible for an object. Called on the update thread,
 * after the change took effect. A host must call them: the plugin re-decides a component's handling
 * user only when told.
 */
public interface WorldListener {
    /**
     * A user joined the session.
     *
     * @param user the user, now present
     */
    default void userJoined(User user) {}

    /**
     * A user left the session; connections they handle close.
     *
     * @param user the user, no longer present
     */
    default void userLeft(User user) {}

    /**
     * The session host changed.
     *
     * @param newHost the new host, or null when the session has none
     */
    default void hostChanged(User newHost) {}

    /**
     * The wearer, spawner or interactor of the slot changed.
     *
     * @param slot the slot whose roles changed
     */
    default void slotRolesChanged(Slot slot) {}
}
