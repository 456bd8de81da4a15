package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.Component;
import dev.wsworld.api.world.ComponentBehaviour;
import dev.wsworld.api.world.ComponentContext;
import dev.wsworld.api.world.ComponentEvent;
import dev.wsworld.api.world.ComponentEventListener;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.Field;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.StandardFields;
import dev.wsworld.api.world.World;
import dev.wsworld.common.text.TerminalText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component held by a {@link SimpleWorld}: its fields are world data; its behaviour is attached
 * while the plugin providing its type runs.
 */
public final class SimpleComponent implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(SimpleComponent.class);

    /**
     * Standard fields come first in {@link #fields}, in {@link StandardFields#ALL}'s order, and are
     * never replaced.
     */
    private static final int UPDATE_ORDER_INDEX =
            StandardFields.ALL.indexOf(StandardFields.UPDATE_ORDER);

    /** Built on first use: hosts with thousands of components rarely ask. */
    private String id;

    private final String typeName;
    private final SimpleSlot slot;
    private final long sequence;

    /** Its number on its slot, from 1: the {@code #N} of its id. */
    private final int number;

    private final FieldTable fields;

    /** Iterated for every event, changed rarely: replaced whole on change (update thread). */
    private volatile ComponentEventListener[] listeners = new ComponentEventListener[0];

    private static final AtomicIntegerFieldUpdater<SimpleComponent> UPDATE_REQUESTED =
            AtomicIntegerFieldUpdater.newUpdater(SimpleComponent.class, "updateRequested");

    @SuppressWarnings("UnusedVariable") // read and written through UPDATE_REQUESTED
    private volatile int updateRequested;

    private final Context context = new Context();
    private ComponentBehaviour behaviour;
    private boolean removed;

    SimpleComponent(
            String typeName,
            SimpleSlot slot,
            long sequence,
            int number,
            List<FieldSpec<?>> typeFields) {
        this.typeName = typeName;
        this.slot = slot;
        this.sequence = sequence;
        this.number = number;
        this.fields = new FieldTable(StandardFields.ALL, typeFields);
    }

    FieldTable table() {
        return fields;
    }

    /**
     * {@code SLOT_PATH#N}: its slot's path and its number on that slot, from 1, never reused while
     * the slot lives. Two components on one slot are told apart by it in every command, event and
     * log line.
     */
    @Override
    public String id() {
        String known = id;
        if (known == null) {
            known = slot.path() + "#" + number;
            id = known;
        }
        return known;
    }

    /**
     * Its number on its slot.
     *
     * @return 1 for the first component added to the slot, and so on
     */
    public int number() {
        return number;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public SimpleSlot slot() {
        return slot;
    }

    SimpleWorld world() {
        return slot.world();
    }

    /**
     * UpdateOrder and creation order in one number, taken when the component is due; update thread
     * only.
     */
    private long updateKey;

    /**
     * Takes the sort key for this tick: UpdateOrder in the high half, creation order in the low.
     */
    void takeUpdateKey() {
        updateKey = ((long) updateOrder() << 32) | (sequence & 0xFFFF_FFFFL);
    }

    long updateKey() {
        return updateKey;
    }

    /** Creation order, the tie-breaker of UpdateOrder. */
    long sequence() {
        return sequence;
    }

    /**
     * Read for every component update, while sorting a tick's work: straight from its slot in the
     * array.
     */
    int updateOrder() {
        Integer order = (Integer) fields.value(UPDATE_ORDER_INDEX);
        return order == null ? 0 : order;
    }

    @Override
    public List<Field<?>> fields() {
        List<Field<?>> all = new ArrayList<>(fields.size());
        for (int row = 0; row < fields.size(); row++) {
            all.add(new SimpleField<>(this, row));
        }
        return List.copyOf(all);
    }

    @Override
    public Optional<Field<?>> field(String name) {
        return Optional.ofNullable(find(name));
    }

    private @Nullable SimpleField<?> find(String name) {
        int row = fields.indexOf(name);
        return row < 0 ? null : new SimpleField<>(this, row);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Field<T> field(FieldSpec<T> spec) {
        SimpleField<?> field = find(spec.name());
        if (field == null || field.spec().type() != spec.type()) {
            throw new IllegalArgumentException(
                    typeName + " has no " + spec.type() + " field " + spec.name());
        }
        return (Field<T>) field;
    }

    /**
     * Writes a field as world loading does: read-only fields are refused, no listener sees it. Use
     * it before the component's behaviour attaches; afterwards, set fields through {@link
     * dev.wsworld.api.world.Field#set}.
     *
     * @param name the field's name
     * @param value the value, of the field's type
     * @throws IllegalArgumentException for an unknown or read-only field, or a value of another
     *     type
     */
    public void restoreField(String name, Object value) {
        SimpleField<?> field = find(name);
        if (field == null) {
            throw new IllegalArgumentException(typeName + " has no field " + name);
        }
        if (field.spec().readOnly()) {
            throw new IllegalArgumentException(typeName + "." + name + " is read-only");
        }
        field.restore(value);
    }

    @Override
    public Optional<ComponentBehaviour> behaviour() {
        return Optional.ofNullable(behaviour);
    }

    @Override
    public boolean isRemoved() {
        return removed;
    }

    @Override
    public synchronized void addEventListener(ComponentEventListener listener) {
        ComponentEventListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[next.length - 1] = listener;
        listeners = next;
    }

    @Override
    public synchronized void removeEventListener(ComponentEventListener listener) {
        List<ComponentEventListener> kept = new ArrayList<>(List.of(listeners));
        kept.remove(listener);
        listeners = kept.toArray(new ComponentEventListener[0]);
    }

    /**
     * Adds fields a (possibly newer) type declares that this component lacks; keeps existing
     * values.
     */
    void adoptFields(List<FieldSpec<?>> typeFields) {
        for (FieldSpec<?> spec : typeFields) {
            int row = fields.indexOf(spec.name());
            FieldSpec<?> existing = row < 0 ? null : fields.spec(row);
            if (existing == null || !existing.equals(spec)) {
                boolean keep =
                        existing != null && existing.type() == spec.type() && !spec.readOnly();
                Object value = keep ? spec.type().cast(fields.value(row)) : spec.defaultValue();
                fields.define(spec, value);
            }
        }
    }

    void attach(ComponentType type) {
        if (behaviour != null || removed) {
            return;
        }
        adoptFields(type.fields());
        try {
            behaviour = type.attach(context);
            behaviour.onAttach();
        } catch (RuntimeException e) {
            LOG.error("attaching {} to {} failed", type.name(), TerminalText.escape(id()), e);
            behaviour = null;
        }
    }

    void detach(ComponentBehaviour.DetachReason reason) {
        ComponentBehaviour attached = behaviour;
        if (attached == null) {
            return;
        }
        try {
            attached.onDetach(reason);
        } catch (RuntimeException e) {
            LOG.error("detaching {} failed", TerminalText.escape(id()), e);
        } finally {
            behaviour = null;
        }
    }

    void markRemoved() {
        detach(ComponentBehaviour.DetachReason.REMOVED);
        removed = true;
    }

    /** Update thread: runs the behaviour's update if one was requested. */
    void runUpdate() {
        updateRequested = 0;
        ComponentBehaviour attached = behaviour;
        if (attached != null && !removed) {
            attached.onUpdate();
        }
    }

    @Override
    public String toString() {
        return id();
    }

    private final class Context implements ComponentContext {
        @Override
        public Component component() {
            return SimpleComponent.this;
        }

        @Override
        public World world() {
            return slot.world();
        }

        @Override
        public <T> void write(FieldSpec<T> spec, T value) {
            SimpleField<?> field = find(spec.name());
            if (field == null) {
                throw new IllegalArgumentException(typeName + " has no field " + spec.name());
            }
            field.assign(value);
        }

        @Override
        public void emit(String name, Map<String, Object> data) {
            SimpleWorld world = slot.world();
            if (!world.updateThread().isCurrent()) { // the message is built only when it is needed
                world.updateThread().checkCurrent("emitting " + name);
            }
            if (removed) {
                return;
            }
            ComponentEvent event =
                    new ComponentEvent(
                            SimpleComponent.this, name, data, world.updateThread().tick());
            for (ComponentEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.error(
                            "event listener of {} failed on {}",
                            TerminalText.escape(id()),
                            TerminalText.escape(name),
                            e);
                }
            }
            world.publish(event);
        }

        @Override
        public void requestUpdate() {
            if (UPDATE_REQUESTED.compareAndSet(SimpleComponent.this, 0, 1)) {
                slot.world().scheduleUpdate(SimpleComponent.this);
            }
        }
    }
}
