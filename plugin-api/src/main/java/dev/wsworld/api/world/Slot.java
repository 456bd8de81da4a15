package dev.wsworld.api.world;


import java.util.List;
import java.util.Optional;

/** A named object in a world's hierarchy. Components sit on slots. */
public interface Slot {
    String name();

    /** Slash-separated names from the root, e.g. {@code room/bridge}. Unique within the world. */
    String path();

    Optional<Slot> parent();

    List<Slot> children();

    List<Component> components();

    World world();

    /** True once the slot was removed from its world; a removed slot never comes back. */
    boolean isRemoved();
}
