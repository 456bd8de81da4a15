package dev.wsworld.api.world;

import java.util.List;

/** Fields every component has, whatever its type. Hosts add them ahead of a type's own fields. */
public final class StandardFields {
    /** Saved with the world. */
    public static final FieldSpec<Boolean> PERSISTENT = FieldSpec.writable("persistent", FieldType.BOOL, Boolean.TRUE);
    /** Order in which components are updated within a tick: lower first, ties in creation order. */
    public static final FieldSpec<Integer> UPDATE_ORDER = FieldSpec.writable("UpdateOrder", FieldType.INT, 0);
    public static final FieldSpec<Boolean> ENABLED = FieldSpec.writable("Enabled", FieldType.BOOL, Boolean.TRUE);

    public static final List<FieldSpec<?>> ALL = List.of(PERSISTENT, UPDATE_ORDER, ENABLED);

    private StandardFields() {
    }
}
