package dev.wsworld.websocket.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wsworld.api.extension.UserRoles;
import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import dev.wsworld.websocket.runtime.PluginRuntime;
import dev.wsworld.websocket.testing.FakeWorld;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

class HandlingUserResolverTest {
    private final FakeWorld world = new FakeWorld();
    private final FakeWorld.FakeUser wearer = world.user("wearer", true);
    private final FakeWorld.FakeUser named = world.user("named", true);
    private final FakeWorld.FakeUser spawner = world.user("spawner", true);
    private final FakeWorld.FakeUser grabber = world.user("grabber", true);
    private final FakeWorld.FakeUser host = world.user("host", true);

    /** The host world's own answers. */
    private final UserRoles hostRoles =
            new UserRoles() {
                @Override
                public Optional<User> avatarWearer(Slot slot) {
                    return Optional.of(wearer);
                }

                @Override
                public Optional<User> spawner(Slot slot) {
                    return Optional.of(spawner);
                }

                @Override
                public Optional<User> interactor(Slot slot) {
                    return Optional.of(grabber);
                }

                @Override
                public Optional<User> sessionHost(World w) {
                    return Optional.of(host);
                }
            };

    private Resolution resolve(List<Role> order, List<UserRoles> roles) {
        return new HandlingUserResolver(() -> roles, order).resolve(world.slot, "named");
    }

    @Test
    void eachStepFallsBackToTheNextPresentCandidate() {
        List<UserRoles> roles = List.of(hostRoles);
        assertEquals(
                new Resolution(wearer, Role.AVATAR_WEARER), resolve(Role.DOCUMENTED_ORDER, roles));
        wearer.present = false;
        assertEquals(
                new Resolution(named, Role.SPECIFIED_USER), resolve(Role.DOCUMENTED_ORDER, roles));
        named.present = false;
        assertEquals(new Resolution(spawner, Role.SPAWNER), resolve(Role.DOCUMENTED_ORDER, roles));
        spawner.present = false;
        assertEquals(
                new Resolution(grabber, Role.INTERACTOR), resolve(Role.DOCUMENTED_ORDER, roles));
        grabber.present = false;
        assertEquals(
                new Resolution(host, Role.SESSION_HOST), resolve(Role.DOCUMENTED_ORDER, roles));
        host.present = false;
        assertFalse(resolve(Role.DOCUMENTED_ORDER, roles).found());
    }

    @Test
    void withoutAUserRolesExtensionThePresentUserFlaggedAsHostIsTheSessionHost() {
        named.present = false; // nothing but the session host can answer now
        assertEquals(
                Resolution.NONE,
                resolve(Role.DOCUMENTED_ORDER, List.of()),
                "no one is flagged as host yet");
        host.host = true;
        assertEquals(
                new Resolution(host, Role.SESSION_HOST), resolve(Role.DOCUMENTED_ORDER, List.of()));
        host.present = false;
        assertEquals(
                Resolution.NONE,
                resolve(Role.DOCUMENTED_ORDER, List.of()),
                "a host who left handles nothing");
    }

    @Test
    void withAUserRolesExtensionItsAnswerAboutTheHostIsNotOverriddenByTheFlag() {
        named.present = false;
        FakeWorld.FakeUser flagged = world.user("flagged", true);
        flagged.host = true;
        UserRoles noHost = new UserRoles() {};
        assertEquals(
                Resolution.NONE,
                resolve(List.of(Role.SESSION_HOST), List.of(noHost)),
                "an installed UserRoles is the one that says who hosts");
    }

    @Test
    void aCustomOrderConsultsOnlyItsRolesInItsOrder() {
        List<Role> order = List.of(Role.INTERACTOR, Role.SESSION_HOST);
        assertEquals(new Resolution(grabber, Role.INTERACTOR), resolve(order, List.of(hostRoles)));
        grabber.present = false;
        assertEquals(new Resolution(host, Role.SESSION_HOST), resolve(order, List.of(hostRoles)));
        host.present = false;
        assertEquals(Resolution.NONE, resolve(order, List.of(hostRoles)));
    }

    @Extension(ordinal = 10)
    static final class OverridingRoles implements UserRoles {
        private final User wearer;

        OverridingRoles(User wearer) {
            this.wearer = wearer;
        }

        @Override
        public Optional<User> avatarWearer(Slot slot) {
            return Optional.of(wearer);
        }

        @Override
        public Optional<Boolean> isPresent(User user) {
            return user.id().equals("spawner") ? Optional.of(false) : Optional.empty();
        }
    }

    @Test
    void aHostExtensionAnswersItsRolesAndLeavesTheRestToOthers() {
        FakeWorld.FakeUser other = world.user("other", true);
        List<UserRoles> roles =
                PluginRuntime.byOrdinalDescending(List.of(hostRoles, new OverridingRoles(other)));
        assertSame(OverridingRoles.class, roles.get(0).getClass(), "higher ordinal first");
        assertEquals(
                new Resolution(other, Role.AVATAR_WEARER), resolve(Role.DOCUMENTED_ORDER, roles));
        // the override says the spawner is not present; the interactor comes from the host's roles
        assertEquals(
                new Resolution(grabber, Role.INTERACTOR),
                resolve(List.of(Role.SPAWNER, Role.INTERACTOR), roles));
    }

    @Test
    void anUnknownSpecifiedUserIsSkipped() {
        Resolution resolution =
                new HandlingUserResolver(() -> List.of(), List.of(Role.SPECIFIED_USER))
                        .resolve(world.slot, "nobody");
        assertEquals(Resolution.NONE, resolution);
    }
}
