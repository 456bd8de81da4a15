package dev.wsworld.api.world;

import java.util.List;

/** Fields every component has, whatever its type. Hosts add them ahead of a type's own fields. */
public final class StandardFields {
    /** Saved with the world. */
    public static final FieldSpec<Boolean> PERSISTENT =
            FieldSpec.writable("persistent", FieldType.BOOL, Boolean.TRUE);

    /** Order in which components are updated within a tick: lower first, ties in creation order. */
    public static final FieldSpec<Integer> UPDATE_ORDER =
            FieldSpec.writable("UpdateOrder", FieldType.INT, 0);

    /**
     * Off: the component does nothing (a WebsocketClient closes and stays closed until it is on
     * again).
     */
    public static final FieldSpec<Boolean> ENABLED =
            FieldSpec.writable("Enabled", FieldType.BOOL, Boolean.TRUE);

    /** All of them, in the order hosts put them ahead of a type's fields. */
    public static final List<FieldSpec<?>> ALL = List.of(PERSISTENT, UPDATE_ORDER, ENABLED);

    private StandardFields() {}
}
