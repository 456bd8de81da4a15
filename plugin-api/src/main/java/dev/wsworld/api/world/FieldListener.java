package dev.wsworld.api.world;

@FunctionalInterface
public interface FieldListener<T> {
    void changed(Field<? extends T> field, T oldValue, T newValue);
}
