package dev.wsworld.api.world;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of an event: a small immutable map that keeps its keys in the order given and
 * allows null values. One array, no copying: events are created for every message received.
 */
public final class EventData extends AbstractMap<String, Object> {
    private static final EventData EMPTY = new EventData(new Object[0]);

    private final Object[] keysAndValues;

    private EventData(Object[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    /**
     * Event data with one attribute: what every received message carries, so it is built with one
     * small array and no copy.
     *
     * @param key the attribute's name
     * @param value its value, possibly null
     * @return the data
     */
    public static EventData of(String key, @Nullable Object value) {
        return new EventData(new Object[] {key, value});
    }

    /**
     * Event data from key, value pairs, in that order.
     *
     * @param keysAndValues key, value, key, value… with String keys, no key twice
     * @return the data
     * @throws IllegalArgumentException for an odd count, a non-String key or a repeated key
     */
    public static EventData of(Object... keysAndValues) {
        if (keysAndValues.length == 0) {
            return EMPTY;
        }
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("event data needs key, value pairs");
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new IllegalArgumentException(
                        "event data keys are Strings, not " + keysAndValues[i]);
            }
            for (int j = 0; j < i; j += 2) {
                if (keysAndValues[j].equals(keysAndValues[i])) {
                    throw new IllegalArgumentException(
                            "event data key '" + keysAndValues[i] + "' given twice");
                }
            }
        }
        return new EventData(keysAndValues.clone());
    }

    /**
     * An ordered copy of any map.
     *
     * @param map the attributes, in the order to keep
     * @return the map itself when it is already event data, else a copy
     */
    public static EventData copyOf(Map<String, ?> map) {
        if (map instanceof EventData data) {
            return data;
        }
        Object[] array = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            array[i++] = entry.getKey();
            array[i++] = entry.getValue();
        }
        return of(array);
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return keysAndValues[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry =
                                new SimpleImmutableEntry<>(
                                        (String) keysAndValues[next], keysAndValues[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return keysAndValues.length / 2;
            }
        };
    }
}
