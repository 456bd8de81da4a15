package dev.wsworld.websocket.resolution;

import dev.wsworld.api.world.User;
import java.util.Objects;

/**
 * Outcome of choosing a handling user.
 *
 * @param user the effective handling user, or {@code null} when no candidate is present
 * @param role the role that chose them, or {@code null} with no user
 */
public record Resolution(User user, Role role) {
    public static final Resolution NONE = new Resolution(null, null);

    public boolean found() {
        return user != null;
    }

    /** Same user (by id) and role. */
    public boolean sameAs(Resolution other) {
        String mine = user == null ? null : user.id();
        String theirs = other.user == null ? null : other.user.id();
        return Objects.equals(mine, theirs) && role == other.role;
    }
}
