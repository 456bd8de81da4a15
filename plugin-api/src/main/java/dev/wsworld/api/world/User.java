package dev.wsworld.api.world;

/**
 * A user known to a world's session. Presence changes as users join and leave; a user who left
 * keeps their identity so that references to them (for example a HandlingUser field) stay
 * meaningful, but nothing may be done on behalf of an absent user.
 */
public interface User {
    /**
     * The user's identity.
     *
     * @return a stable identifier, unique within the world
     */
    String id();

    /**
     * The name shown to other users (chosen by the user: show it escaped).
     *
     * @return the display name
     */
    String name();

    /**
     * The machine the user runs on.
     *
     * @return its identifier
     */
    String machineId();

    /**
     * Whether the user is in the session now.
     *
     * @return true while present
     */
    boolean isPresent();

    /**
     * Whether this user hosts the session. Without a {@code UserRoles} extension the plugin takes
     * the present user for whom this is true as the session host.
     *
     * @return true for the session host
     */
    boolean isHost();
}
