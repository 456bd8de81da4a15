package dev.wsworld.api.world;

/**
 * A user known to a world's session. Presence changes as users join and leave; a user who left
 * keeps their identity so that references to them (for example a HandlingUser field) stay
 * meaningful, but nothing may be done on behalf of an absent user.
 */
public interface User {
    /**
     * The person's identity across the host, like an account id. A host with several worlds gives
     * the same person the same id in each of them, and never gives two people one id: the same id
     * in two worlds is the same person. Lasting consent answers ("always", "deny"), {@code
     * limits.connectionsPerUser} and {@code limits.promptsPerMinute} follow the person across the
     * host's worlds; a prompt, and a one-time "allow", stay in the world that asked.
     *
     * @return a stable identifier: unique within a world, the same person wherever it appears
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
