package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.Field;
import dev.wsworld.api.world.FieldListener;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.ReadOnlyFieldException;
import dev.wsworld.common.text.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A component field held by the world. Changes only on the update thread. */
final class SimpleField<T> implements Field<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SimpleField.class);

    private final SimpleComponent owner;
    private final FieldSpec<T> spec;

    /**
     * Null, one {@link FieldListener}, or a {@code List} of them: most fields never get a listener
     * and most of the rest get one, and with 10,000 components a list per watched field would be
     * about 450 bytes a component.
     */
    private Object listeners;

    private T value;

    SimpleField(SimpleComponent owner, FieldSpec<T> spec) {
        this.owner = owner;
        this.spec = spec;
        this.value = spec.defaultValue();
    }

    @Override
    public FieldSpec<T> spec() {
        return spec;
    }

    @Override
    public T get() {
        return value;
    }

    @Override
    public void set(T newValue) {
        if (spec.readOnly()) {
            throw new ReadOnlyFieldException(owner.typeName(), spec.name());
        }
        assign(newValue);
    }

    /** Writes without the read-only check: the owning behaviour and world loading use this. */
    void assign(Object newValue) {
        if (!owner.world()
                .updateThread()
                .isCurrent()) { // the message is built only when it is needed
            owner.world()
                    .updateThread()
                    .checkCurrent("changing " + owner.typeName() + "." + spec.name());
        }
        T typed;
        try {
            typed = spec.type().cast(newValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    owner.typeName() + "." + spec.name() + ": " + e.getMessage(), e);
        }
        if (Objects.equals(typed, value)) {
            return;
        }
        T old = value;
        value = typed;
        if (listeners == null) {
            return;
        }
        for (FieldListener<? super T> listener : listenersNow()) {
            try {
                listener.changed(this, old, typed);
            } catch (RuntimeException e) {
                LOG.error(
                        "listener of {}.{} failed",
                        TerminalText.escape(owner.id()),
                        spec.name(),
                        e);
            }
        }
    }

    /** A copy, so that a listener may remove itself or add another while being told. */
    @SuppressWarnings("unchecked")
    private List<FieldListener<? super T>> listenersNow() {
        return listeners instanceof List<?> many
                ? List.copyOf((List<FieldListener<? super T>>) many)
                : List.of((FieldListener<? super T>) listeners);
    }

    /**
     * Sets the value without notifying anyone: restoring saved data before a behaviour attaches.
     */
    void restore(Object newValue) {
        value = spec.type().cast(newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addListener(FieldListener<? super T> listener) {
        if (listeners == null) {
            listeners = listener;
        } else if (listeners instanceof List<?> many) {
            ((List<FieldListener<? super T>>) many).add(listener);
        } else {
            List<FieldListener<? super T>> many = new ArrayList<>(2);
            many.add((FieldListener<? super T>) listeners);
            many.add(listener);
            listeners = many;
        }
    }

    @Override
    public void removeListener(FieldListener<? super T> listener) {
        if (listeners == listener) {
            listeners = null;
        } else if (listeners instanceof List<?> many) {
            many.remove(listener);
        }
    }

    @Override
    public String toString() {
        return spec.name() + "=" + spec.type().display(value);
    }
}
