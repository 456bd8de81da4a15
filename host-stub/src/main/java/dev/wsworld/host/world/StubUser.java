package dev.wsworld.host.world;

import dev.wsworld.api.world.User;

/** A user of the host stub's session. Mutated on the update thread only. */
public final class StubUser implements User {
    private final String id;
    private final String name;
    private final String machineId;
    private final boolean local;
    private final ConsentPolicy consent;
    private volatile boolean present;
    private volatile boolean host;

    public StubUser(String id, String name, String machineId, boolean local, ConsentPolicy consent, boolean present) {
        this.id = id;
        this.name = name;
        this.machineId = machineId;
        this.local = local;
        this.consent = consent;
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

    /** The user sitting at this host's console. */
    public boolean isLocal() {
        return local;
    }

    public ConsentPolicy consent() {
        return consent;
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
