package dev.wsworld.api.world;

/** A world builder tried to write a field that only the component itself may write. */
public final class ReadOnlyFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Names the field that was written.
     *
     * @param componentType the component's type name
     * @param field the field's name
     */
    public ReadOnlyFieldException(String componentType, String field) {
        super(
                "field "
                        + componentType
                        + "."
                        + field
                        + " is read-only: the component sets it itself");
    }
}
