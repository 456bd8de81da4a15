package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.StandardFields;
import dev.wsworld.common.config.Suggestions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Turns a builder's text (world file, console) into field values of a component type. */
public final class FieldValues {
    private FieldValues() {}

    /**
     * The writable field of that name.
     *
     * @param type the component type
     * @param name the field's name, as a user wrote it
     * @return the field's spec
     * @throws IllegalArgumentException for an unknown (with a suggestion) or read-only field
     */
    public static FieldSpec<?> writableSpec(ComponentType type, String name) {
        Map<String, FieldSpec<?>> specs = new LinkedHashMap<>();
        Stream.concat(StandardFields.ALL.stream(), type.fields().stream())
                .forEach(s -> specs.put(s.name(), s));
        FieldSpec<?> spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(
                    type.name()
                            + " has no field '"
                            + name
                            + "'"
                            + Suggestions.didYouMean(name, specs.keySet())
                            + "; its fields are "
                            + String.join(
                                    ", ",
                                    specs.values().stream()
                                            .filter(s -> !s.readOnly())
                                            .map(FieldSpec::name)
                                            .toList()));
        }
        if (spec.readOnly()) {
            throw new IllegalArgumentException(
                    type.name() + "." + name + " is read-only: the component sets it itself");
        }
        return spec;
    }

    /**
     * Parses a user's text for a field.
     *
     * @param spec the field
     * @param text the value as written
     * @return the value
     * @throws IllegalArgumentException naming the field and why the text is no value of its type
     */
    public static Object parse(FieldSpec<?> spec, String text) {
        try {
            return spec.type().parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    spec.name() + " (" + spec.type() + "): " + e.getMessage());
        }
    }
}
