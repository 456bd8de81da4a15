package dev.wsworld.api.world;

/**
 * What a plugin attaches to a component instance. All methods are called on the update thread.
 */
public interface ComponentBehaviour {
    /** The component became live: it was added to a world, or its type was (re)registered. */
    default void onAttach() {
    }

    /**
     * Called once in a tick after {@link ComponentContext#requestUpdate()}, in UpdateOrder. Idle
     * components are never polled.
     */
    default void onUpdate() {
    }

    /** The behaviour is being removed; release everything it holds. */
    void onDetach(DetachReason reason);

    enum DetachReason {
        /** The component or its slot was removed from the world. */
        REMOVED,
        /** The plugin providing the type stopped; the component stays as data. */
        TYPE_UNREGISTERED,
        /** The host is shutting down. */
        HOST_SHUTDOWN
    }
}
