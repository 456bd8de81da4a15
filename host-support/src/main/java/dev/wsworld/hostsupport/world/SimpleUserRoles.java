package dev.wsworld.hostsupport.world;

import dev.wsworld.api.extension.UserRoles;
import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link UserRoles} for a {@link SimpleWorld}: wornBy, spawnedBy and grabbedBy of the slot or its
 * nearest ancestor that has one, and the session host. Hand one to {@link
 * dev.wsworld.hostsupport.plugins.WorldPluginManager.Builder#hostExtension}. Its ordinal is 0, so
 * an extension with a higher {@code @Extension(ordinal)} can override any role. Called on the
 * update thread, and answers from the world model without waiting.
 */
public final class SimpleUserRoles implements UserRoles {
    @Override
    public Optional<User> avatarWearer(Slot slot) {
        return nearest(slot, SimpleSlot::wornBy);
    }

    @Override
    public Optional<User> spawner(Slot slot) {
        return nearest(slot, SimpleSlot::spawnedBy);
    }

    @Override
    public Optional<User> interactor(Slot slot) {
        return nearest(slot, SimpleSlot::grabbedBy);
    }

    @Override
    public Optional<User> sessionHost(World world) {
        return world instanceof SimpleWorld simple
                ? simple.host().map(User.class::cast)
                : Optional.empty();
    }

    @Override
    public Optional<Boolean> isPresent(User user) {
        return user instanceof SimpleUser ? Optional.of(user.isPresent()) : Optional.empty();
    }

    private static Optional<User> nearest(Slot slot, Function<SimpleSlot, SimpleUser> role) {
        if (!(slot instanceof SimpleSlot start)) {
            return Optional.empty();
        }
        for (SimpleSlot at = start; at != null; at = at.parentSlot()) {
            SimpleUser user = role.apply(at);
            if (user != null) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }
}
