package dev.wsworld.api.world;

/**
 * What a plugin attaches to a component instance. All methods are called on the update thread, and
 * must return without waiting for the network, a disk or a lock another thread holds.
 */
public interface ComponentBehaviour {
    /**
     * The component became live: it was added to a world, or its type was (re)registered. Called
     * once, after {@link ComponentType#attach} returned this behaviour.
     */
    default void onAttach() {}

    /**
     * Called once in a tick after {@link ComponentContext#requestUpdate()}, in UpdateOrder. Idle
     * components are never polled.
     */
    default void onUpdate() {}

    /**
     * The behaviour is being removed; release everything it holds. Called once; no method is called
     * after it.
     *
     * @param reason why the behaviour goes
     */
    void onDetach(DetachReason reason);

    /** Why a behaviour is detached. */
    enum DetachReason {
        /** The component or its slot was removed from the world. */
        REMOVED,
        /** The plugin providing the type stopped; the component stays as data. */
        TYPE_UNREGISTERED,
        /** The host is shutting down. */
        HOST_SHUTDOWN,
        /** The world was closed while the host and the plugin go on (a session ended). */
        WORLD_CLOSED
    }
}
