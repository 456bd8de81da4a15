package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.Field;
import dev.wsworld.api.world.FieldListener;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.ReadOnlyFieldException;
import dev.wsworld.common.text.TerminalText;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A view of one row of a component's {@link FieldTable}: made when asked for, holding nothing of
 * its own, so a component costs no object per field. Changes only on the update thread.
 */
final class SimpleField<T> implements Field<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SimpleField.class);

    private final SimpleComponent owner;
    private final int row;

    SimpleField(SimpleComponent owner, int row) {
        this.owner = owner;
        this.row = row;
    }

    @Override
    @SuppressWarnings("unchecked")
    public FieldSpec<T> spec() {
        return (FieldSpec<T>) owner.table().spec(row);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) owner.table().value(row);
    }

    @Override
    public void set(T newValue) {
        if (spec().readOnly()) {
            throw new ReadOnlyFieldException(owner.typeName(), spec().name());
        }
        assign(newValue);
    }

    /** Writes without the read-only check: the owning behaviour and world loading use this. */
    @SuppressWarnings("unchecked")
    void assign(Object newValue) {
        if (!owner.world()
                .updateThread()
                .isCurrent()) { // the message is built only when it is needed
            owner.world()
                    .updateThread()
                    .checkCurrent("changing " + owner.typeName() + "." + spec().name());
        }
        FieldSpec<T> spec = spec();
        T typed;
        try {
            typed = spec.type().cast(newValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    owner.typeName() + "." + spec.name() + ": " + e.getMessage(), e);
        }
        FieldTable table = owner.table();
        if (Objects.equals(typed, table.value(row))) {
            return;
        }
        T old = (T) table.set(row, typed);
        if (!table.hasListeners(row)) {
            return;
        }
        for (FieldListener<?> listener : table.listeners(row)) {
            try {
                ((FieldListener<? super T>) listener).changed(this, old, typed);
            } catch (RuntimeException e) {
                LOG.error(
                        "listener of {}.{} failed",
                        TerminalText.escape(owner.id()),
                        spec.name(),
                        e);
            }
        }
    }

    /**
     * Sets the value without notifying anyone: restoring saved data before a behaviour attaches.
     */
    void restore(Object newValue) {
        owner.table().set(row, spec().type().cast(newValue));
    }

    @Override
    public void addListener(FieldListener<? super T> listener) {
        owner.table().addListener(row, listener);
    }

    @Override
    public void removeListener(FieldListener<? super T> listener) {
        owner.table().removeListener(row, listener);
    }

    /** Two views of one row of one component are the same field. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SimpleField<?> field && field.owner == owner && field.row == row;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(owner) * 31 + row;
    }

    @Override
    public String toString() {
        return spec().name() + "=" + spec().type().display(get());
    }
}
