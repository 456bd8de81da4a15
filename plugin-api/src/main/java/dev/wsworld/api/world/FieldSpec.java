package dev.wsworld.api.world;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Declares one field of a component type.
 *
 * @param name field name as world builders see it, e.g. {@code URL}
 * @param type value type
 * @param defaultValue value of a new component; may be {@code null}
 * @param readOnly world builders cannot write it; only the component's behaviour can
 * @param persistent saved with the world
 * @param <T> the value's Java type
 */
public record FieldSpec<T>(
        String name,
        FieldType<T> type,
        @Nullable T defaultValue,
        boolean readOnly,
        boolean persistent) {
    /**
     * Checks the spec.
     *
     * @param name field name as world builders see it
     * @param type value type
     * @param defaultValue value of a new component; may be {@code null}
     * @param readOnly world builders cannot write it
     * @param persistent saved with the world
     * @throws IllegalArgumentException when the default is not of the type
     */
    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        type.cast(defaultValue);
    }

    /**
     * A persistent field world builders can write.
     *
     * @param name the field's name
     * @param type its value type
     * @param defaultValue its value in a new component; may be {@code null}
     * @param <T> the value's Java type
     * @return the spec
     */
    public static <T> FieldSpec<T> writable(
            String name, FieldType<T> type, @Nullable T defaultValue) {
        return new FieldSpec<>(name, type, defaultValue, false, true);
    }

    /**
     * A field only the behaviour writes; it reflects live state, so it is not saved.
     *
     * @param name the field's name
     * @param type its value type
     * @param defaultValue its value before the behaviour writes it
     * @param <T> the value's Java type
     * @return the spec
     */
    public static <T> FieldSpec<T> readOnly(
            String name, FieldType<T> type, @Nullable T defaultValue) {
        return new FieldSpec<>(name, type, defaultValue, true, false);
    }
}
