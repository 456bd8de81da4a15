package dev.wsworld.api.world;

import java.util.List;
import java.util.Optional;

/** A named object in a world's hierarchy. Components sit on slots. Read on the update thread. */
public interface Slot {
    /**
     * The slot's own name, set by the world's author.
     *
     * @return the name
     */
    String name();

    /**
     * Where the slot is.
     *
     * @return slash-separated names from the root, e.g. {@code room/bridge}; unique within the
     *     world
     */
    String path();

    /**
     * The slot this one is under.
     *
     * @return the parent, or empty for a slot at the top
     */
    Optional<Slot> parent();

    /**
     * The slots directly under this one.
     *
     * @return the children, in creation order
     */
    List<Slot> children();

    /**
     * The components on this slot.
     *
     * @return the components, in creation order
     */
    List<Component> components();

    /**
     * The world the slot belongs to.
     *
     * @return the world
     */
    World world();

    /**
     * Whether the slot was removed from its world.
     *
     * @return true once removed; a removed slot never comes back
     */
    boolean isRemoved();
}
