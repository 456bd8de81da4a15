package dev.wsworld.host.world;

import dev.wsworld.api.world.Component;
import dev.wsworld.api.world.Slot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A slot of the host stub's world, with the roles users hold on it. Update thread only. */
public final class StubSlot implements Slot {
    private final StubWorld world;
    private final StubSlot parent;
    private final String name;
    private final List<StubSlot> children = new ArrayList<>();
    private final List<StubComponent> components = new ArrayList<>(1);
    private StubUser wornBy;
    private StubUser spawnedBy;
    private StubUser grabbedBy;
    private boolean removed;
    /** 0 for the root, 1 for a top-level slot. */
    private final int depth;

    StubSlot(StubWorld world, StubSlot parent, String name) {
        this.world = world;
        this.parent = parent;
        this.name = name;
        this.depth = parent == null ? 0 : parent.depth + 1;
    }

    /** How deep the slot sits: 1 for a top-level slot. */
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

    public StubSlot parentSlot() {
        return parent;
    }

    @Override
    public List<Slot> children() {
        return Collections.unmodifiableList(children);
    }

    public List<StubSlot> childSlots() {
        return Collections.unmodifiableList(children);
    }

    @Override
    public List<Component> components() {
        return Collections.unmodifiableList(components);
    }

    public List<StubComponent> stubComponents() {
        return Collections.unmodifiableList(components);
    }

    @Override
    public StubWorld world() {
        return world;
    }

    @Override
    public boolean isRemoved() {
        return removed;
    }

    public StubUser wornBy() {
        return wornBy;
    }

    public StubUser spawnedBy() {
        return spawnedBy;
    }

    public StubUser grabbedBy() {
        return grabbedBy;
    }

    void setWornBy(StubUser user) {
        wornBy = user;
    }

    void setSpawnedBy(StubUser user) {
        spawnedBy = user;
    }

    void setGrabbedBy(StubUser user) {
        grabbedBy = user;
    }

    void addChild(StubSlot child) {
        children.add(child);
    }

    void removeChild(StubSlot child) {
        children.remove(child);
    }

    void addComponent(StubComponent component) {
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
