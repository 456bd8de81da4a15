package dev.wsworld.api.world;

@FunctionalInterface
public interface ComponentEventListener {
    /** Called on the update thread, in emission order. */
    void onEvent(ComponentEvent event);
}
