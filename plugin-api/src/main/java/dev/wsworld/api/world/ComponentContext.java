package dev.wsworld.api.world;


import java.util.Map;

/** What the host gives a behaviour to act on its component. */
public interface ComponentContext {
    Component component();

    World world();

    /** Writes a field, read-only ones included. Update thread only. */
    <T> void write(FieldSpec<T> field, T value);

    /** Emits an event to the component's listeners. Update thread only. */
    void emit(String name, Map<String, Object> data);

    /**
     * Asks for {@link ComponentBehaviour#onUpdate()} on the update thread at the next tick (once,
     * however often it is asked). Safe from any thread; never blocks.
     */
    void requestUpdate();
}
