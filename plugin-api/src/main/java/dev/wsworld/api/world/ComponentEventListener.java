package dev.wsworld.api.world;

/** Hears a component's events. */
@FunctionalInterface
public interface ComponentEventListener {
    /**
     * Called on the update thread, in emission order; must not block.
     *
     * @param event the event
     */
    void onEvent(ComponentEvent event);
}
