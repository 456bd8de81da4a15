package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.Component;
import dev.wsworld.api.world.Slot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A slot of a {@link SimpleWorld}, with the roles users hold on it (wearer, spawner, interactor),
 * which {@link SimpleUserRoles} reports. Update thread only; change it through its world.
 */
public final class SimpleSlot implements Slot {
    private final SimpleWorld world;
    private final SimpleSlot parent;
    private final String name;
    private final List<SimpleSlot> children = new ArrayList<>();
    private final List<SimpleComponent> components = new ArrayList<>(1);
    private SimpleUser wornBy;
    private SimpleUser spawnedBy;
    private SimpleUser grabbedBy;
    private boolean removed;

    /** The number the last component added here got; numbers are never reused. */
    private int lastComponentNumber;

    /** 0 for the root, 1 for a top-level slot. */
    private final int depth;

    SimpleSlot(SimpleWorld world, SimpleSlot parent, String name) {
        this.world = world;
        this.parent = parent;
        this.name = name;
        this.depth = parent == null ? 0 : parent.depth + 1;
    }

    /**
     * How deep the slot sits.
     *
     * @return 1 for a top-level slot
     */
    public int depth() {
        return depth;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String path() {
        return parent == null || parent.parent == null ? name : parent.path() + "/" + name;
    }

    @Override
    public Optional<Slot> parent() {
        return Optional.ofNullable(parent);
    }

    /**
     * The slot this one is under, typed.
     *
     * @return the parent; the world's root for a top-level slot, null for the root
     */
    public SimpleSlot parentSlot() {
        return parent;
    }

    @Override
    public List<Slot> children() {
        return Collections.unmodifiableList(children);
    }

    /**
     * The slots directly under this one, typed.
     *
     * @return the children, in creation order
     */
    public List<SimpleSlot> childSlots() {
        return Collections.unmodifiableList(children);
    }

    @Override
    public List<Component> components() {
        return Collections.unmodifiableList(components);
    }

    /**
     * The components on this slot, typed.
     *
     * @return the components, in creation order
     */
    public List<SimpleComponent> simpleComponents() {
        return Collections.unmodifiableList(components);
    }

    @Override
    public SimpleWorld world() {
        return world;
    }

    @Override
    public boolean isRemoved() {
        return removed;
    }

    /**
     * Who wears this slot as (part of) an avatar; set with {@link SimpleWorld#setWornBy}.
     *
     * @return the wearer, or null
     */
    public SimpleUser wornBy() {
        return wornBy;
    }

    /**
     * Who spawned this slot; set with {@link SimpleWorld#setSpawnedBy}.
     *
     * @return the spawner, or null
     */
    public SimpleUser spawnedBy() {
        return spawnedBy;
    }

    /**
     * Who holds this slot now; set with {@link SimpleWorld#setGrabbedBy}.
     *
     * @return the interactor, or null
     */
    public SimpleUser grabbedBy() {
        return grabbedBy;
    }

    void setWornBy(SimpleUser user) {
        wornBy = user;
    }

    void setSpawnedBy(SimpleUser user) {
        spawnedBy = user;
    }

    void setGrabbedBy(SimpleUser user) {
        grabbedBy = user;
    }

    void addChild(SimpleSlot child) {
        children.add(child);
    }

    void removeChild(SimpleSlot child) {
        children.remove(child);
    }

    /** The number the next component added here gets: 1, 2, … for the slot's life. */
    int nextComponentNumber() {
        return ++lastComponentNumber;
    }

    void addComponent(SimpleComponent component) {
        components.add(component);
    }

    void markRemoved() {
        removed = true;
    }

    @Override
    public String toString() {
        return path();
    }
}
