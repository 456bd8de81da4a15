package dev.wsworld.api.world;

import java.util.Map;

/**
 * What the host gives a behaviour to act on its component, in {@link
 * ComponentType#attach(ComponentContext)}.
 */
public interface ComponentContext {
    /**
     * The component this behaviour is attached to.
     *
     * @return the component
     */
    Component component();

    /**
     * The world the component lives in.
     *
     * @return the world
     */
    World world();

    /**
     * Writes a field, read-only ones included. Update thread only. Writing the value a field
     * already holds changes nothing and calls no listener.
     *
     * @param field the field's spec
     * @param value the new value
     * @param <T> the field's value type
     */
    <T> void write(FieldSpec<T> field, T value);

    /**
     * Emits an event to the component's listeners, at once and in order. Update thread only.
     *
     * @param name the event's name
     * @param data its attributes: plain JSON-like values (String, Number, Boolean, null)
     */
    void emit(String name, Map<String, Object> data);

    /**
     * Asks for {@link ComponentBehaviour#onUpdate()} on the update thread at the next tick (once,
     * however often it is asked). Safe from any thread; never blocks. A host must honour it: the
     * plugin's events take effect only in {@code onUpdate()}.
     */
    void requestUpdate();
}
