package dev.wsworld.hostsupport.world;

import dev.wsworld.api.world.User;

/**
 * A user of a {@link SimpleWorld}'s session. Create users through the world ({@link
 * SimpleWorld#addUser}, {@link SimpleWorld#join}), which tells the world's listeners; readable from
 * any thread, changed on the update thread only.
 */
public final class SimpleUser implements User {
    private final String id;
    private final String name;
    private final String machineId;
    private final boolean local;
    private volatile boolean present;
    private volatile boolean host;

    /**
     * A user, not yet known to any world; {@link SimpleWorld#addUser} is the usual way.
     *
     * @param id the person's identity across the host (see {@link User#id()})
     * @param name display name
     * @param machineId the user's machine
     * @param local whether the user sits at this host
     * @param present whether the user is in the session
     */
    public SimpleUser(String id, String name, String machineId, boolean local, boolean present) {
        this.id = id;
        this.name = name;
        this.machineId = machineId;
        this.local = local;
        this.present = present;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String machineId() {
        return machineId;
    }

    @Override
    public boolean isPresent() {
        return present;
    }

    @Override
    public boolean isHost() {
        return host;
    }

    /**
     * Whether the user sits at this host (the host stub's console stands in for their screen).
     *
     * @return true for the local user
     */
    public boolean isLocal() {
        return local;
    }

    void setPresent(boolean present) {
        this.present = present;
    }

    void setHost(boolean host) {
        this.host = host;
    }

    @Override
    public String toString() {
        return id;
    }
}
