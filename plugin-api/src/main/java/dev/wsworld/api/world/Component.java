package dev.wsworld.api.world;

import java.util.List;
import java.util.Optional;

/**
 * A component instance: data owned by the world (its fields) and, while the plugin that provides
 * its type is running, a behaviour attached to it. When that plugin stops, the component stays in
 * the world with its fields intact, inert.
 *
 * <p>Threads: read and change a component on the world's update thread only ({@link UpdateThread}).
 */
public interface Component {
    /**
     * The component's identity.
     *
     * @return unique within the world, stable for the component's life
     */
    String id();

    /**
     * The name of the component's type, such as {@code WebsocketClient}; kept while no plugin
     * provides the type.
     *
     * @return the type name
     */
    String typeName();

    /**
     * Where the component sits.
     *
     * @return the slot holding it
     */
    Slot slot();

    /**
     * Every field of the component.
     *
     * @return standard fields first ({@link StandardFields}), then the type's own, in declaration
     *     order
     */
    List<Field<?>> fields();

    /**
     * Finds a field by name, for hosts that read names from a file or a console.
     *
     * @param name the field's name, such as {@code URL}
     * @return the field, or empty when the component has none of that name
     */
    Optional<Field<?>> field(String name);

    /**
     * The field with that name and type.
     *
     * @param spec the field's spec, such as {@code WebsocketClientFields.URL}
     * @param <T> the field's value type
     * @return the field
     * @throws IllegalArgumentException when there is no such field or its type differs
     */
    <T> Field<T> field(FieldSpec<T> spec);

    /**
     * The behaviour a plugin attached; a host casts it to the type's node interface (for the
     * WebsocketClient, {@link dev.wsworld.api.websocketclient.WebsocketClientNodes}) to drive it.
     *
     * @return the attached behaviour, or empty while the component's type is not provided
     */
    Optional<ComponentBehaviour> behaviour();

    /**
     * Whether the component was removed from its world; a removed component never comes back.
     *
     * @return true once removed
     */
    boolean isRemoved();

    /**
     * Subscribes to the component's events (for the WebsocketClient, those named in {@link
     * dev.wsworld.api.websocketclient.WebsocketEvents}). Listeners are called on the update thread,
     * in emission order, and must not block.
     *
     * @param listener called with each event
     */
    void addEventListener(ComponentEventListener listener);

    /**
     * Unsubscribes a listener added with {@link #addEventListener}.
     *
     * @param listener the listener to remove; nothing happens when it was not added
     */
    void removeEventListener(ComponentEventListener listener);
}
