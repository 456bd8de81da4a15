package dev.wsworld.api.extension;

import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Who stands in which relation to an object, as the host world knows it. The handling user of a
 * WebsocketClient is chosen from these roles.
 *
 * <p>Several implementations may exist (the host's own, other plugins'). They are asked in
 * descending {@code @Extension(ordinal)} order and, role by role, the first that answers wins; an
 * implementation answers only the roles it knows and leaves the others empty. PF4J itself sorts
 * extensions by ascending ordinal; highest-first is kept on purpose, so that a plugin overrides the
 * host's roles by declaring a higher ordinal (a larger number wins), the way people read
 * "priority". The same holds for {@link ConsentPrompt} and {@link ConsentMemory}: the
 * highest-ordinal implementation is the one used.
 *
 * <p>Called on the update thread; implementations must answer from memory, without I/O.
 */
public interface UserRoles extends ExtensionPoint {
    /**
     * The user wearing the avatar that contains {@code slot} (the slot itself or an ancestor).
     *
     * @param slot the slot holding the component
     * @return the wearer, or empty when unknown or none
     */
    default Optional<User> avatarWearer(Slot slot) {
        return Optional.empty();
    }

    /**
     * The user who spawned the object containing {@code slot}.
     *
     * @param slot the slot holding the component
     * @return the spawner, or empty when unknown or none
     */
    default Optional<User> spawner(Slot slot) {
        return Optional.empty();
    }

    /**
     * The user currently interacting with (grabbing or using) the object.
     *
     * @param slot the slot holding the component
     * @return the interactor, or empty when unknown or none
     */
    default Optional<User> interactor(Slot slot) {
        return Optional.empty();
    }

    /**
     * The host of the session. When no implementation answers, the plugin takes the present user
     * whose {@link User#isHost()} is true.
     *
     * @param world the world
     * @return the session host, or empty when unknown
     */
    default Optional<User> sessionHost(World world) {
        return Optional.empty();
    }

    /**
     * Whether the user is in the session. Empty when this implementation does not know; the user's
     * own {@link User#isPresent()} decides then.
     *
     * @param user the user
     * @return whether the user is present, or empty when unknown
     */
    default Optional<Boolean> isPresent(User user) {
        return Optional.empty();
    }
}
