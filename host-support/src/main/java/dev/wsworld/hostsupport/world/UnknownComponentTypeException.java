package dev.wsworld.hostsupport.world;

import java.util.Set;

/** A world asked for a component type no running plugin provides. */
public final class UnknownComponentTypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @serial the type that was asked for
     */
    private final String typeName;

    /**
     * Names the type, and the types there are.
     *
     * @param typeName the type asked for
     * @param known the registered types' names
     */
    public UnknownComponentTypeException(String typeName, Set<String> known) {
        super(
                "unknown component type '"
                        + typeName
                        + "'"
                        + (known.isEmpty()
                                ? " (no plugin provides any component type)"
                                : " (known types: " + String.join(", ", known) + ")"));
        this.typeName = typeName;
    }

    /**
     * The type that was asked for.
     *
     * @return its name
     */
    public String typeName() {
        return typeName;
    }
}
