package dev.wsworld.api.world;

import java.util.List;

/** A component type a plugin provides: its fields, and the behaviour attached to each instance. */
public interface ComponentType {
    /**
     * The type's name, as world files and hosts refer to it.
     *
     * @return the name, such as {@code WebsocketClient}
     */
    String name();

    /**
     * The type's own fields; hosts add {@link StandardFields} ahead of them.
     *
     * @return the fields, in declaration order
     */
    List<FieldSpec<?>> fields();

    /**
     * Creates the behaviour of one instance. Called on the update thread, when an instance is added
     * to the world or the type is registered while instances exist; the host then calls {@link
     * ComponentBehaviour#onAttach()} on the returned behaviour, once, before any {@code
     * onUpdate()}.
     *
     * @param context what the behaviour acts through
     * @return the behaviour of this instance
     */
    ComponentBehaviour attach(ComponentContext context);
}
