package dev.wsworld.api.world;

import java.util.Objects;

/**
 * Declares one field of a component type.
 *
 * @param name         field name as world builders see it, e.g. {@code URL}
 * @param type         value type
 * @param defaultValue value of a new component; may be {@code null}
 * @param readOnly     world builders cannot write it; only the component's behaviour can
 * @param persistent   saved with the world
 */
public record FieldSpec<T>(String name, FieldType<T> type, T defaultValue, boolean readOnly, boolean persistent) {
    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        type.cast(defaultValue);
    }

    /** A persistent field world builders can write. */
    public static <T> FieldSpec<T> writable(String name, FieldType<T> type, T defaultValue) {
        return new FieldSpec<>(name, type, defaultValue, false, true);
    }

    /** A field only the behaviour writes; it reflects live state, so it is not saved. */
    public static <T> FieldSpec<T> readOnly(String name, FieldType<T> type, T defaultValue) {
        return new FieldSpec<>(name, type, defaultValue, true, false);
    }
}
