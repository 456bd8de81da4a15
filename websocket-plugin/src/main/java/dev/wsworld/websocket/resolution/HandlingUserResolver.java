package dev.wsworld.websocket.resolution;

import dev.wsworld.api.extension.UserRoles;
import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the handling user: the first role in the configured order whose user is present in the
 * session. A user who left is never chosen.
 */
public final class HandlingUserResolver {
    private static final Logger LOG = LoggerFactory.getLogger(HandlingUserResolver.class);

    private final Supplier<List<UserRoles>> roles;

    /** Said once per resolver (per configuration). */
    private volatile boolean warnedNoRoles;

    private final List<Role> order;

    /**
     * @param roles providers of user roles, highest priority first (asked each time, so providers
     *     added or removed at run time are seen)
     * @param order roles to consult, in order
     */
    public HandlingUserResolver(Supplier<List<UserRoles>> roles, List<Role> order) {
        this.roles = roles;
        this.order = List.copyOf(order);
    }

    /**
     * The handling user, by the first role in the configured order that names one who is present.
     *
     * @param slot the slot holding the component
     * @param specifiedUserId the HandlingUser field, or {@code null} when unset
     */
    public Resolution resolve(Slot slot, String specifiedUserId) {
        List<UserRoles> providers = roles.get();
        for (Role role : order) {
            Optional<? extends User> candidate =
                    switch (role) {
                        case AVATAR_WEARER -> ask(providers, r -> r.avatarWearer(slot));
                        case SPECIFIED_USER ->
                                specifiedUserId == null || specifiedUserId.isEmpty()
                                        ? Optional.empty()
                                        : slot.world().user(specifiedUserId);
                        case SPAWNER -> ask(providers, r -> r.spawner(slot));
                        case INTERACTOR -> ask(providers, r -> r.interactor(slot));
                        case SESSION_HOST ->
                                ask(providers, r -> r.sessionHost(slot.world()))
                                        .or(() -> hostByFlag(providers, slot.world()));
                    };
            if (candidate.isPresent() && isPresent(providers, candidate.get())) {
                return new Resolution(candidate.get(), role);
            }
        }
        return Resolution.NONE;
    }

    /**
     * Without a {@code UserRoles} extension nothing can say who wears, spawned or holds a slot, but
     * the session host is plain from {@link User#isHost()}: it is the fallback, said once.
     */
    private Optional<User> hostByFlag(List<UserRoles> providers, World world) {
        if (!providers.isEmpty()) {
            return Optional.empty();
        }
        if (!warnedNoRoles) {
            warnedNoRoles = true;
            LOG.warn(
                    "no UserRoles extension is installed: the session host (User.isHost()) handles"
                        + " every WebsocketClient without a HandlingUser; avatar wearers, spawners"
                        + " and interactors are unknown until the host installs a UserRoles"
                        + " extension");
        }
        for (User user : world.users()) {
            if (user.isHost() && user.isPresent()) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    private static Optional<User> ask(
            List<UserRoles> providers, Function<UserRoles, Optional<User>> question) {
        for (UserRoles provider : providers) {
            Optional<User> answer = question.apply(provider);
            if (answer != null && answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private static boolean isPresent(List<UserRoles> providers, User user) {
        for (UserRoles provider : providers) {
            Optional<Boolean> answer = provider.isPresent(user);
            if (answer != null && answer.isPresent()) {
                return answer.get() && user.isPresent();
            }
        }
        return user.isPresent();
    }
}
