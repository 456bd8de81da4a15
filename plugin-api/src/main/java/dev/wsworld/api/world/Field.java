package dev.wsworld.api.world;

/**
 * One field of a component. Fields change only on the world's update thread; listeners are
 * called there, after the value changed.
 */
public interface Field<T> {
    FieldSpec<T> spec();

    default String name() {
        return spec().name();
    }

    T get();

    /**
     * Sets the value as a world builder would.
     *
     * @throws ReadOnlyFieldException       when the field is read-only
     * @throws IllegalStateException        when not called on the update thread
     * @throws IllegalArgumentException     when the value is not of the field's type
     */
    void set(T value);

    /** Parses text with the field's type and sets it; see {@link #set}. */
    default void setText(String text) {
        set(spec().type().parse(text));
    }

    void addListener(FieldListener<? super T> listener);

    void removeListener(FieldListener<? super T> listener);
}
