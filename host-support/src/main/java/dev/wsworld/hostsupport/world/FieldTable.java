package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.FieldListener;
import dev.wsworld.api.world.FieldSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One component's fields in parallel arrays: specs, values, and listeners, with no object per
 * field. A host holds thousands of components of a dozen fields each, and an object per field was a
 * fifth of a connection's heap. {@link SimpleField} is a view of one row. Changed on the update
 * thread only.
 */
final class FieldTable {
    /** In declaration order; a dozen or so, so a linear lookup beats a map's memory. */
    private FieldSpec<?>[] specs;

    private Object[] values;

    /**
     * Per row: null, one {@link FieldListener}, or a {@code List} of them. The array itself is null
     * until the first listener: most components' fields are never watched.
     */
    private Object[] listeners;

    FieldTable(List<FieldSpec<?>> first, List<FieldSpec<?>> then) {
        specs = new FieldSpec<?>[first.size() + then.size()];
        values = new Object[specs.length];
        int i = 0;
        for (FieldSpec<?> spec : first) {
            values[i] = spec.defaultValue();
            specs[i++] = spec;
        }
        for (FieldSpec<?> spec : then) {
            values[i] = spec.defaultValue();
            specs[i++] = spec;
        }
    }

    int size() {
        return specs.length;
    }

    /** The row of the field named so, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < specs.length; i++) {
            if (specs[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    FieldSpec<?> spec(int row) {
        return specs[row];
    }

    Object value(int row) {
        return values[row];
    }

    /** Sets a row's value, already cast to its type; returns the old one. */
    Object set(int row, Object value) {
        Object old = values[row];
        values[row] = value;
        return old;
    }

    /** Replaces a row's spec, keeping its listeners, or adds a row; the value is given. */
    void define(FieldSpec<?> spec, Object value) {
        int row = indexOf(spec.name());
        if (row < 0) {
            row = specs.length;
            specs = Arrays.copyOf(specs, row + 1);
            values = Arrays.copyOf(values, row + 1);
            if (listeners != null) {
                listeners = Arrays.copyOf(listeners, row + 1);
            }
        }
        specs[row] = spec;
        values[row] = value;
    }

    boolean hasListeners(int row) {
        return listeners != null && listeners[row] != null;
    }

    /** A copy, so that a listener may remove itself or add another while being told. */
    List<FieldListener<?>> listeners(int row) {
        Object held = listeners == null ? null : listeners[row];
        if (held == null) {
            return List.of();
        }
        if (held instanceof List<?> many) {
            List<FieldListener<?>> copy = new ArrayList<>(many.size());
            many.forEach(listener -> copy.add((FieldListener<?>) listener));
            return copy;
        }
        return List.of((FieldListener<?>) held);
    }

    @SuppressWarnings("unchecked")
    void addListener(int row, FieldListener<?> listener) {
        if (listeners == null) {
            listeners = new Object[specs.length];
        }
        Object held = listeners[row];
        if (held == null) {
            listeners[row] = listener;
        } else if (held instanceof List<?> many) {
            ((List<FieldListener<?>>) many).add(listener);
        } else {
            List<FieldListener<?>> many = new ArrayList<>(2);
            many.add((FieldListener<?>) held);
            many.add(listener);
            listeners[row] = many;
        }
    }

    void removeListener(int row, FieldListener<?> listener) {
        if (listeners == null) {
            return;
        }
        Object held = listeners[row];
        if (held == listener) {
            listeners[row] = null;
        } else if (held instanceof List<?> many) {
            many.remove(listener);
        }
    }
}
