package dev.wsworld.api.world;

import java.util.List;

/** A component type a plugin provides: its fields, and the behaviour attached to each instance. */
public interface ComponentType {
    String name();

    /** The type's own fields; hosts add {@link StandardFields} ahead of them. */
    List<FieldSpec<?>> fields();

    /** Creates the behaviour of one instance. Called on the update thread. */
    ComponentBehaviour attach(ComponentContext context);
}
