package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.ComponentBehaviour;
import dev.wsworld.api.world.ComponentEvent;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.World;
import dev.wsworld.api.world.WorldListener;
import dev.wsworld.common.text.TerminalText;
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
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ready world model: users, a slot hierarchy, components and their fields, driven by a {@link
 * TickLoop}. A host uses it as it is or adapts it; the host stub is built on it.
 *
 * <p>The rules of the plugin API are built in:
 *
 * <ul>
 *   <li>Every change happens on the update thread; the methods here check that and throw {@link
 *       IllegalStateException} elsewhere, so console and network threads cannot change the world
 *       behind its back. Use {@link TickLoop#call} or {@link TickLoop#post} from other threads.
 *   <li>Joining, leaving, a new host and new roles on a slot are told to every {@link
 *       WorldListener}.
 *   <li>A component's behaviour is created ({@code ComponentType.attach}) and then {@code
 *       onAttach()}ed when it is added, or when its type is registered; it is detached when the
 *       component or its slot is removed, when the type is unregistered, when the world closes
 *       ({@link #close()}), or at {@link #shutdown()}.
 *   <li>Writing a field's current value changes nothing and calls no listener.
 *   <li>{@code requestUpdate()} is honoured: {@code onUpdate()} runs in the next tick, in
 *       UpdateOrder.
 * </ul>
 */
public final class SimpleWorld implements World {
    private static final Logger LOG = LoggerFactory.getLogger(SimpleWorld.class);

    private final String name;
    private final TickLoop loop;
    private final SimpleSlot root;
    private final Map<String, SimpleUser> users = new LinkedHashMap<>();
    private final Map<String, SimpleSlot> slotsByPath = new LinkedHashMap<>();
    private final List<SimpleComponent> components = new ArrayList<>();
    private final Set<WorldListener> listeners = new LinkedHashSet<>();
    private final List<Consumer<ComponentEvent>> eventSinks = new ArrayList<>();
    private final ComponentTypeTable types;
    private long componentSequence;

    /**
     * An empty world with an update loop of its own, not yet started: start it ({@code
     * updateThread().start()}) before changing the world.
     *
     * @param name the world's name; its update thread is named after it
     * @param ticksPerSecond the loop's tick rate (see {@link TickLoop#TickLoop(String, double)})
     * @throws IllegalArgumentException for a tick rate out of range
     */
    public SimpleWorld(String name, double ticksPerSecond) {
        this.name = java.util.Objects.requireNonNull(name, "name");
        this.loop = new TickLoop(name, ticksPerSecond);
        this.root = new SimpleSlot(this, null, "");
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

    /**
     * The world's component types: hand it to the plugin manager, where plugins register theirs.
     *
     * @return the registry
     */
    public ComponentTypeTable componentTypes() {
        return types;
    }

    // ---------------------------------------------------------------- users

    @Override
    public Collection<SimpleUser> users() {
        return Collections.unmodifiableCollection(users.values());
    }

    @Override
    public Optional<SimpleUser> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    /**
     * The session host.
     *
     * @return the user who hosts, or empty
     */
    public Optional<SimpleUser> host() {
        return users.values().stream().filter(SimpleUser::isHost).findFirst();
    }

    /**
     * Adds a user known to the world (present or not), without telling listeners that they joined.
     * Update thread.
     *
     * @param id stable identifier, unique within the world
     * @param displayName the name others see
     * @param machineId the user's machine
     * @param local whether the user sits at this host
     * @param present whether the user is in the session
     * @param host whether the user hosts the session (listeners hear {@code hostChanged})
     * @return the user
     * @throws IllegalArgumentException when a user with that id exists
     */
    public SimpleUser addUser(
            String id,
            String displayName,
            String machineId,
            boolean local,
            boolean present,
            boolean host) {
        checkThread("adding a user");
        if (users.containsKey(id)) {
            throw new IllegalArgumentException("user '" + id + "' already exists");
        }
        SimpleUser user = new SimpleUser(id, displayName, machineId, local, present);
        users.put(id, user);
        if (host) {
            makeHost(user);
        }
        return user;
    }

    /**
     * The user joins the session (created with default settings if unknown); listeners hear {@code
     * userJoined}. Update thread.
     *
     * @param id the user's id
     * @param asHost whether the user becomes the session host
     * @return the user
     */
    public SimpleUser join(String id, boolean asHost) {
        checkThread("joining");
        SimpleUser user = users.get(id);
        if (user == null) {
            user = addUser(id, id, "machine-" + id, false, false, false);
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

    /**
     * The user leaves the session; listeners hear {@code userLeft} (and {@code hostChanged(null)}
     * when they hosted). Update thread.
     *
     * @param id the user's id
     * @throws IllegalArgumentException for an unknown user
     */
    public void leave(String id) {
        checkThread("leaving");
        SimpleUser user = requireUser(id);
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

    private void makeHost(SimpleUser user) {
        users.values().forEach(u -> u.setHost(false));
        user.setHost(true);
        notifyListeners(l -> l.hostChanged(user));
    }

    /**
     * The user with that id.
     *
     * @param id the user's id
     * @return the user
     * @throws IllegalArgumentException naming the users there are, for an unknown id
     */
    public SimpleUser requireUser(String id) {
        SimpleUser user = users.get(id);
        if (user == null) {
            throw new IllegalArgumentException(
                    "no user '" + id + "' (users: " + String.join(", ", users.keySet()) + ")");
        }
        return user;
    }

    // ---------------------------------------------------------------- slots

    @Override
    public Optional<SimpleSlot> slot(String path) {
        return Optional.ofNullable(slotsByPath.get(path));
    }

    /**
     * The slot at that path.
     *
     * @param path slash-separated names from the root
     * @return the slot
     * @throws IllegalArgumentException when there is none
     */
    public SimpleSlot requireSlot(String path) {
        SimpleSlot slot = slotsByPath.get(path);
        if (slot == null) {
            throw new IllegalArgumentException("no slot '" + path + "'");
        }
        return slot;
    }

    /**
     * The invisible slot every top-level slot hangs under.
     *
     * @return the root
     */
    public SimpleSlot root() {
        return root;
    }

    /**
     * Every slot but the root.
     *
     * @return the slots, in creation order (parents before children)
     */
    public List<SimpleSlot> slots() {
        return List.copyOf(slotsByPath.values());
    }

    /**
     * How deep slots may nest, the same for loading, {@code add} and {@code save}: deep enough for
     * avatars (about 50 levels of bones) and what is built on them.
     */
    public static final int MAX_SLOT_DEPTH = 256;

    /** The end of a component's id, {@code #N}, which no slot name may look like. */
    private static final Pattern COMPONENT_NUMBER = Pattern.compile("#[0-9]+$");

    /**
     * Adds a slot. Update thread.
     *
     * @param parent the slot it goes under; {@code null} for the top level
     * @param slotName its name: not empty, no {@code /}
     * @return the slot
     * @throws IllegalArgumentException for a bad name, a slot that exists, or one too deep
     */
    public SimpleSlot addSlot(SimpleSlot parent, String slotName) {
        checkThread("adding a slot");
        if (slotName == null || slotName.isBlank() || slotName.contains("/")) {
            throw new IllegalArgumentException(
                    "slot name '" + slotName + "' must be non-empty and contain no '/'");
        }
        if (COMPONENT_NUMBER.matcher(slotName).find()) {
            throw new IllegalArgumentException(
                    "slot name '"
                            + slotName
                            + "' must not end in # and a number: that is how a component on a"
                            + " slot is named (SLOT#2)");
        }
        SimpleSlot under = parent == null ? root : parent;
        if (under.depth() >= MAX_SLOT_DEPTH) {
            throw new IllegalArgumentException(
                    "slot '"
                            + under.path()
                            + "/"
                            + slotName
                            + "' would be "
                            + (under.depth() + 1)
                            + " levels deep; slots nest at most "
                            + MAX_SLOT_DEPTH
                            + " levels");
        }
        SimpleSlot slot = new SimpleSlot(this, under, slotName);
        if (slotsByPath.containsKey(slot.path())) {
            throw new IllegalArgumentException("slot '" + slot.path() + "' already exists");
        }
        under.addChild(slot);
        slotsByPath.put(slot.path(), slot);
        return slot;
    }

    /**
     * Removes the slot, its children and their components: each behaviour is detached with {@code
     * REMOVED} (a WebsocketClient closes its connection, and the world hears it). Update thread.
     *
     * @param slot the slot
     */
    public void removeSlot(SimpleSlot slot) {
        checkThread("removing a slot");
        for (SimpleSlot child : List.copyOf(slot.childSlots())) {
            removeSlot(child);
        }
        for (SimpleComponent component : slot.simpleComponents()) {
            component.markRemoved();
            components.remove(component);
        }
        slot.markRemoved();
        slotsByPath.remove(slot.path());
        slot.parentSlot().removeChild(slot);
    }

    /**
     * Sets who wears the slot; listeners hear {@code slotRolesChanged}. Update thread.
     *
     * @param slot the slot
     * @param user the wearer, or null for none
     */
    public void setWornBy(SimpleSlot slot, SimpleUser user) {
        checkThread("wearing");
        slot.setWornBy(user);
        notifyListeners(l -> l.slotRolesChanged(slot));
    }

    /**
     * Sets who spawned the slot; listeners hear {@code slotRolesChanged}. Update thread.
     *
     * @param slot the slot
     * @param user the spawner, or null for none
     */
    public void setSpawnedBy(SimpleSlot slot, SimpleUser user) {
        checkThread("spawning");
        slot.setSpawnedBy(user);
        notifyListeners(l -> l.slotRolesChanged(slot));
    }

    /**
     * Sets who holds the slot; listeners hear {@code slotRolesChanged}. Update thread.
     *
     * @param slot the slot
     * @param user the interactor, or null for none
     */
    public void setGrabbedBy(SimpleSlot slot, SimpleUser user) {
        checkThread("grabbing");
        slot.setGrabbedBy(user);
        notifyListeners(l -> l.slotRolesChanged(slot));
    }

    // ---------------------------------------------------------------- components

    /**
     * Adds a component of a registered type; {@code fields} are applied before its behaviour
     * attaches, so it starts from the builder's values. Update thread.
     *
     * @param slot where it goes
     * @param typeName the type's name, such as {@code WebsocketClient}
     * @param fields field values by name; may be empty
     * @return the component, its behaviour attached
     * @throws UnknownComponentTypeException when no running plugin provides the type
     */
    public SimpleComponent addComponent(
            SimpleSlot slot, String typeName, Map<String, Object> fields) {
        checkThread("adding a component");
        ComponentType type =
                types.find(typeName)
                        .orElseThrow(
                                () -> new UnknownComponentTypeException(typeName, types.names()));
        SimpleComponent component =
                new SimpleComponent(
                        typeName,
                        slot,
                        ++componentSequence,
                        slot.nextComponentNumber(),
                        type.fields());
        fields.forEach(component::restoreField);
        slot.addComponent(component);
        components.add(component);
        component.attach(type);
        return component;
    }

    /**
     * Every component of the world.
     *
     * @return the components, in creation order
     */
    public List<SimpleComponent> components() {
        return Collections.unmodifiableList(components);
    }

    /**
     * How many components the world holds.
     *
     * @return the count; read on the update thread for an exact one, elsewhere for a figure
     */
    public int componentCount() {
        return components.size();
    }

    void attachAll(ComponentType type) {
        for (SimpleComponent component : List.copyOf(components)) {
            if (component.typeName().equals(type.name())) {
                component.attach(type);
            }
        }
    }

    void detachAll(String typeName, ComponentBehaviour.DetachReason reason) {
        for (SimpleComponent component : List.copyOf(components)) {
            if (component.typeName().equals(typeName)) {
                component.detach(reason);
            }
        }
    }

    /** Detaches every behaviour: the host is shutting down. Update thread. */
    public void shutdown() {
        checkThread("shutting down");
        detachEverything(ComponentBehaviour.DetachReason.HOST_SHUTDOWN);
    }

    /**
     * Closes the world while the host goes on: every behaviour is detached with {@code
     * WORLD_CLOSED}, on the update thread (waiting for it when called from another thread). Take
     * the world out of the plugin manager first ({@code WorldPluginManager.closeWorld} does both);
     * afterwards the update loop may stop.
     *
     * @throws IllegalStateException when the update thread does not answer in time
     */
    public void close() {
        try {
            loop.call(
                    () -> {
                        detachEverything(ComponentBehaviour.DetachReason.WORLD_CLOSED);
                        return null;
                    },
                    CLOSE_TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing world: " + e.getMessage(), e);
        }
    }

    /** How long {@link #close()} waits for the update thread. */
    private static final long CLOSE_TIMEOUT_MILLIS = 30_000;

    private void detachEverything(ComponentBehaviour.DetachReason reason) {
        for (SimpleComponent component : List.copyOf(components)) {
            component.detach(reason);
        }
    }

    void scheduleUpdate(SimpleComponent component) {
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

    /**
     * Receives every component event of the world, on the update thread, in order (an event log, a
     * journal). A sink must not block.
     *
     * @param sink the receiver
     */
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

    /**
     * The model's own slot behind an API {@link Slot}.
     *
     * @param slot a slot of this world model
     * @return the same slot, typed
     * @throws IllegalArgumentException for a slot of another model
     */
    public static SimpleSlot slotOf(Slot slot) {
        if (slot instanceof SimpleSlot simpleSlot) {
            return simpleSlot;
        }
        throw new IllegalArgumentException(
                "slot " + slot.path() + " does not belong to this world model");
    }
}
