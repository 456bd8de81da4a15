package dev.wsworld.host.world;

import java.util.Set;

/** A world asked for a component type no running plugin provides. */
public final class UnknownComponentTypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String typeName;

    public UnknownComponentTypeException(String typeName, Set<String> known) {
        super("unknown component type '" + typeName + "'" + (known.isEmpty()
                ? " (no plugin provides any component type)" : " (known types: " + String.join(", ", known) + ")"));
        this.typeName = typeName;
    }

    public String typeName() {
        return typeName;
    }
}
