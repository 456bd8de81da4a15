package dev.wsworld.api.component;

@FunctionalInterface
public interface FieldListener<T> {
    void changed(Field<? extends T> field, T oldValue, T newValue);
}
