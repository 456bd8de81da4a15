package dev.wsworld.api.world;

/**
 * Hears a field's changes, on the update thread.
 *
 * @param <T> the field's value type
 */
@FunctionalInterface
public interface FieldListener<T> {
    /**
     * The field's value changed (never called for a write of the same value).
     *
     * @param field the field
     * @param oldValue the value before
     * @param newValue the value now
     */
    void changed(Field<? extends T> field, T oldValue, T newValue);
}
