package dev.wsworld.websocket.resolution;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Why a user may be the handling user, in the wiki's documented order of applicability. */
public enum Role {
    AVATAR_WEARER("avatarWearer"),
    SPECIFIED_USER("specifiedUser"),
    SPAWNER("spawner"),
    INTERACTOR("interactor"),
    SESSION_HOST("sessionHost");

    /** The documented default order. */
    public static final List<Role> DOCUMENTED_ORDER = List.of(values());

    private final String configName;

    Role(String configName) {
        this.configName = configName;
    }

    /** Name used in YAML and events. */
    public String configName() {
        return configName;
    }

    public static Optional<Role> byConfigName(String name) {
        return Arrays.stream(values()).filter(r -> r.configName.equals(name)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(Role::configName).toList();
    }
}
