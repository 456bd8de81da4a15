package dev.wsworld.websocket.headers;

import dev.wsworld.api.world.FieldType;
import java.util.Objects;

/**
 * One header of an upgrade request, already checked by {@link HeaderRules}. Its value may be a
 * secret (a bearer token, a cookie, a host credential), so {@code toString}, and with it every
 * record that holds headers, shows the name only.
 *
 * @param name as written; compared without regard to case
 * @param value as sent
 */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Whether this header has {@code other} for a name, in any case. */
    public boolean named(String other) {
        return name.equalsIgnoreCase(other);
    }

    @Override
    public String toString() {
        return name + ": " + FieldType.HIDDEN;
    }
}
