package dev.wsworld.api.world;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something a component reports to the world, e.g. {@code connected} or {@code text}. Emitted on
 * the update thread; the data values are plain JSON-like values (String, Number, Boolean, null).
 *
 * @param component the component that emitted it
 * @param name event name
 * @param data event attributes in a stable order
 * @param tick world tick during which it was emitted
 */
public record ComponentEvent(
        Component component, String name, Map<String, Object> data, long tick) {
    /**
     * Checks and copies the event's parts.
     *
     * @param component the component that emitted it
     * @param name event name
     * @param data event attributes; copied, in their order
     * @param tick world tick during which it was emitted
     * @throws NullPointerException when the component or the name is null
     */
    public ComponentEvent {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(name, "name");
        data = data == null ? EventData.of() : EventData.copyOf(data);
    }

    /**
     * One attribute.
     *
     * @param key the attribute's name, such as {@code WebsocketEventAttributes.DATA}
     * @return its value, or null when the event has none of that name
     */
    public @Nullable Object get(String key) {
        return data.get(key);
    }
}
