package dev.wsworld.host.roles;

import dev.wsworld.api.extension.UserRoles;
import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import dev.wsworld.host.world.StubSlot;
import dev.wsworld.host.world.StubUser;
import dev.wsworld.host.world.StubWorld;
import org.pf4j.Extension;

import java.util.Optional;
import java.util.function.Function;

/**
 * The host stub's answer to "who stands in which relation to this object", read from its world
 * model: wornBy, spawnedBy and grabbedBy of the slot or its nearest ancestor that has one, and the
 * session host. Ordinal 0, so a plugin or host with a higher ordinal can override any role.
 */
@Extension(ordinal = 0)
public final class StubUserRoles implements UserRoles {
    @Override
    public Optional<User> avatarWearer(Slot slot) {
        return nearest(slot, StubSlot::wornBy);
    }

    @Override
    public Optional<User> spawner(Slot slot) {
        return nearest(slot, StubSlot::spawnedBy);
    }

    @Override
    public Optional<User> interactor(Slot slot) {
        return nearest(slot, StubSlot::grabbedBy);
    }

    @Override
    public Optional<User> sessionHost(World world) {
        return world instanceof StubWorld stub ? stub.host().map(User.class::cast) : Optional.empty();
    }

    @Override
    public Optional<Boolean> isPresent(User user) {
        return user instanceof StubUser ? Optional.of(user.isPresent()) : Optional.empty();
    }

    private static Optional<User> nearest(Slot slot, Function<StubSlot, StubUser> role) {
        if (!(slot instanceof StubSlot)) {
            return Optional.empty();
        }
        for (StubSlot at = (StubSlot) slot; at != null; at = at.parentSlot()) {
            StubUser user = role.apply(at);
            if (user != null) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }
}
