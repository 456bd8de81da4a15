package dev.wsworld.api.world;

import org.jspecify.annotations.Nullable;

/**
 * One field of a component. Fields change only on the world's update thread; listeners are called
 * there, after the value changed. Setting the value a field already holds changes nothing and calls
 * no listener.
 *
 * <p>A host may hand out a new {@code Field} each time one is asked for (host-support's are views
 * of the component's values, so a component costs no object per field): tell fields apart by {@link
 * #spec()}, never by identity.
 *
 * @param <T> the value's type
 */
public interface Field<T> {
    /**
     * What the field is: name, type, default, and whether world builders may write it.
     *
     * @return the field's spec
     */
    FieldSpec<T> spec();

    /**
     * The field's name.
     *
     * @return {@code spec().name()}
     */
    default String name() {
        return spec().name();
    }

    /**
     * The current value. Update thread.
     *
     * @return the value; may be null where the spec's default is
     */
    @Nullable T get();

    /**
     * Sets the value as a world builder would.
     *
     * @param value the new value
     * @throws ReadOnlyFieldException when the field is read-only
     * @throws IllegalStateException when not called on the update thread
     * @throws IllegalArgumentException when the value is not of the field's type
     */
    void set(@Nullable T value);

    /**
     * Parses text with the field's type and sets it; see {@link #set}.
     *
     * @param text the value as written, such as {@code ws://127.0.0.1:9000/} or {@code true}
     * @throws IllegalArgumentException when the text is not a value of the field's type
     */
    default void setText(String text) {
        set(spec().type().parse(text));
    }

    /**
     * Subscribes to changes. Update thread.
     *
     * @param listener called after each change, on the update thread
     */
    void addListener(FieldListener<? super T> listener);

    /**
     * Unsubscribes a listener. Update thread.
     *
     * @param listener the listener to remove; nothing happens when it was not added
     */
    void removeListener(FieldListener<? super T> listener);
}
