package dev.wsworld.api.world;

/**
 * A user known to a world's session. Presence changes as users join and leave; a user who left
 * keeps their identity so that references to them (for example a HandlingUser field) stay
 * meaningful, but nothing may be done on behalf of an absent user.
 */
public interface User {
    /** Stable identifier, unique within the world. */
    String id();

    /** Display name shown to other users. */
    String name();

    /** Identifier of the machine the user runs on. */
    String machineId();

    /** Whether the user is currently in the session. */
    boolean isPresent();

    /** Whether this user hosts the session. */
    boolean isHost();
}
