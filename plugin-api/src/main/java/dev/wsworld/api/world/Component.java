package dev.wsworld.api.world;


import java.util.List;
import java.util.Optional;

/**
 * A component instance: data owned by the world (its fields) and, while the plugin that provides
 * its type is running, a behaviour attached to it. When that plugin stops, the component stays in
 * the world with its fields intact, inert.
 */
public interface Component {
    /** Unique within the world, stable for the component's life. */
    String id();

    String typeName();

    Slot slot();

    /** Standard fields first, then the type's own, in declaration order. */
    List<Field<?>> fields();

    Optional<Field<?>> field(String name);

    /**
     * The field with that name and type.
     *
     * @throws IllegalArgumentException when there is no such field or its type differs
     */
    <T> Field<T> field(FieldSpec<T> spec);

    /** The attached behaviour, if the component's type is currently provided. */
    Optional<ComponentBehaviour> behaviour();

    boolean isRemoved();

    void addEventListener(ComponentEventListener listener);

    void removeEventListener(ComponentEventListener listener);
}
