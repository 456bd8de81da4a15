package dev.wsworld.host.world;

import dev.wsworld.api.text.TerminalText;
import dev.wsworld.api.world.ComponentBehaviour;
import dev.wsworld.api.world.ComponentEvent;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.World;
import dev.wsworld.api.world.WorldListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The host stub's world. Every mutation happens on the update thread ({@link #updateThread()});
 * methods here check that, so console and network threads cannot change the world behind its back.
 */
public final class StubWorld implements World {
    private static final Logger LOG = LoggerFactory.getLogger(StubWorld.class);

    private final String name;
    private final TickLoop loop;
    private final StubSlot root;
    private final Map<String, StubUser> users = new LinkedHashMap<>();
    private final Map<String, StubSlot> slotsByPath = new LinkedHashMap<>();
    private final List<StubComponent> components = new ArrayList<>();
    private final Set<WorldListener> listeners = new LinkedHashSet<>();
    private final List<Consumer<ComponentEvent>> eventSinks = new ArrayList<>();
    private final ComponentTypeTable types;
    private long componentSequence;

    public StubWorld(String name, TickLoop loop) {
        this.name = name;
        this.loop = loop;
        this.root = new StubSlot(this, null, "");
        this.types = new ComponentTypeTable(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TickLoop updateThread() {
        return loop;
    }

    public ComponentTypeTable componentTypes() {
        return types;
    }

    // ---------------------------------------------------------------- users

    @Override
    public Collection<StubUser> users() {
        return Collections.unmodifiableCollection(users.values());
    }

    @Override
    public Optional<StubUser> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    public Optional<StubUser> host() {
        return users.values().stream().filter(StubUser::isHost).findFirst();
    }

    /** Adds a user known to the world (present or not). */
    public StubUser addUser(String id, String displayName, String machineId, boolean local, ConsentPolicy consent,
                            boolean present, boolean host) {
        checkThread("adding a user");
        if (users.containsKey(id)) {
            throw new IllegalArgumentException("user '" + id + "' already exists");
        }
        StubUser user = new StubUser(id, displayName, machineId, local, consent, present);
        users.put(id, user);
        if (host) {
            makeHost(user);
        }
        return user;
    }

    /** The user joins the session (created with default settings if unknown); {@code asHost} makes them host. */
    public StubUser join(String id, boolean asHost) {
        checkThread("joining");
        StubUser user = users.get(id);
        if (user == null) {
            user = addUser(id, id, "machine-" + id, false, ConsentPolicy.ASK, false, false);
        }
        boolean wasPresent = user.isPresent();
        user.setPresent(true);
        if (!wasPresent) {
            notifyListeners(l -> l.userJoined(users.get(id)));
        }
        if (asHost && !user.isHost()) {
            makeHost(user);
        }
        return user;
    }

    public void leave(String id) {
        checkThread("leaving");
        StubUser user = requireUser(id);
        if (!user.isPresent()) {
            return;
        }
        user.setPresent(false);
        boolean wasHost = user.isHost();
        user.setHost(false);
        notifyListeners(l -> l.userLeft(user));
        if (wasHost) {
            notifyListeners(l -> l.hostChanged(null));
        }
    }

    private void makeHost(StubUser user) {
        users.values().forEach(u -> u.setHost(false));
        user.setHost(true);
        notifyListeners(l -> l.hostChanged(user));
    }

    public StubUser requireUser(String id) {
        StubUser user = users.get(id);
        if (user == null) {
            throw new IllegalArgumentException("no user '" + id + "' (users: " + String.join(", ", users.keySet()) + ")");
        }
        return user;
    }

    // ---------------------------------------------------------------- slots

    @Override
    public Optional<StubSlot> slot(String path) {
        return Optional.ofNullable(slotsByPath.get(path));
    }

    public StubSlot requireSlot(String path) {
        StubSlot slot = slotsByPath.get(path);
        if (slot == null) {
            throw new IllegalArgumentException("no slot '" + path + "'");
        }
        return slot;
    }

    public StubSlot root() {
        return root;
    }

    /** Slots in creation order (parents before children). */
    public List<StubSlot> slots() {
        return List.copyOf(slotsByPath.values());
    }

    /** Adds a slot under {@code parent} ({@code null}: the root). */
    /**
     * How deep slots may nest, the same for loading, {@code add} and {@code save}: deep enough for
     * avatars (about 50 levels of bones) and what is built on them.
     */
    public static final int MAX_SLOT_DEPTH = 256;

    public StubSlot addSlot(StubSlot parent, String slotName) {
        checkThread("adding a slot");
        if (slotName == null || slotName.isBlank() || slotName.contains("/")) {
            throw new IllegalArgumentException("slot name '" + slotName + "' must be non-empty and contain no '/'");
        }
        StubSlot under = parent == null ? root : parent;
        if (under.depth() >= MAX_SLOT_DEPTH) {
            throw new IllegalArgumentException("slot '" + under.path() + "/" + slotName + "' would be " + (under.depth() + 1)
                    + " levels deep; slots nest at most " + MAX_SLOT_DEPTH + " levels");
        }
        StubSlot slot = new StubSlot(this, under, slotName);
        if (slotsByPath.containsKey(slot.path())) {
            throw new IllegalArgumentException("slot '" + slot.path() + "' already exists");
        }
        under.addChild(slot);
        slotsByPath.put(slot.path(), slot);
        return slot;
    }

    /** Removes the slot, its children and their components (each closes what it holds). */
    public void removeSlot(StubSlot slot) {
        checkThread("removing a slot");
        for (StubSlot child : List.copyOf(slot.childSlots())) {
            removeSlot(child);
        }
        for (StubComponent component : slot.stubComponents()) {
            component.markRemoved();
            components.remove(component);
        }
        slot.markRemoved();
        slotsByPath.remove(slot.path());
        slot.parentSlot().removeChild(slot);
    }

    public void setWornBy(StubSlot slot, StubUser user) {
        checkThread("wearing");
        slot.setWornBy(user);
        notifyListeners(l -> l.slotRolesChanged(slot));
    }

    public void setSpawnedBy(StubSlot slot, StubUser user) {
        checkThread("spawning");
        slot.setSpawnedBy(user);
        notifyListeners(l -> l.slotRolesChanged(slot));
    }

    public void setGrabbedBy(StubSlot slot, StubUser user) {
        checkThread("grabbing");
        slot.setGrabbedBy(user);
        notifyListeners(l -> l.slotRolesChanged(slot));
    }

    // ---------------------------------------------------------------- components

    /**
     * Adds a component of a registered type; {@code fields} are applied before its behaviour
     * attaches, so it starts from the builder's values.
     *
     * @throws UnknownComponentTypeException when no running plugin provides the type
     */
    public StubComponent addComponent(StubSlot slot, String typeName, Map<String, Object> fields) {
        checkThread("adding a component");
        ComponentType type = types.find(typeName).orElseThrow(() -> new UnknownComponentTypeException(typeName, types.names()));
        StubComponent component = new StubComponent(typeName, slot, ++componentSequence, type.fields());
        fields.forEach(component::restoreField);
        slot.addComponent(component);
        components.add(component);
        component.attach(type);
        return component;
    }

    /** Every component of the world, in creation order. */
    public List<StubComponent> components() {
        return Collections.unmodifiableList(components);
    }

    void attachAll(ComponentType type) {
        for (StubComponent component : List.copyOf(components)) {
            if (component.typeName().equals(type.name())) {
                component.attach(type);
            }
        }
    }

    void detachAll(String typeName, ComponentBehaviour.DetachReason reason) {
        for (StubComponent component : List.copyOf(components)) {
            if (component.typeName().equals(typeName)) {
                component.detach(reason);
            }
        }
    }

    /** Detaches every behaviour: the host is shutting down. */
    public void shutdown() {
        checkThread("shutting down");
        for (StubComponent component : List.copyOf(components)) {
            component.detach(ComponentBehaviour.DetachReason.HOST_SHUTDOWN);
        }
    }

    void scheduleUpdate(StubComponent component) {
        loop.scheduleUpdate(component);
    }

    // ---------------------------------------------------------------- events and listeners

    @Override
    public void addListener(WorldListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(WorldListener listener) {
        listeners.remove(listener);
    }

    /** Receives every component event of the world, on the update thread. */
    public void addEventSink(Consumer<ComponentEvent> sink) {
        eventSinks.add(sink);
    }

    void publish(ComponentEvent event) {
        for (Consumer<ComponentEvent> sink : eventSinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                LOG.error("event sink failed on {}", TerminalText.escape(event.name()), e);
            }
        }
    }

    private void notifyListeners(Consumer<WorldListener> call) {
        for (WorldListener listener : List.copyOf(listeners)) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("world listener failed", e);
            }
        }
    }

    private void checkThread(String what) {
        loop.checkCurrent(what);
    }

    /** Finds the slot a role question is about, for {@link Slot}s of this world. */
    public static StubSlot stub(Slot slot) {
        if (slot instanceof StubSlot stubSlot) {
            return stubSlot;
        }
        throw new IllegalArgumentException("slot " + slot.path() + " does not belong to the host stub");
    }
}
