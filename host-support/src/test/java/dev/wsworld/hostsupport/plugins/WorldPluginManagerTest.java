package dev.wsworld.hostsupport.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentMemory;
import dev.wsworld.api.extension.ConsentScope;
import dev.wsworld.api.extension.UserRoles;
import dev.wsworld.api.host.PluginApi;
import dev.wsworld.hostsupport.world.SimpleUserRoles;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.Extension;

/**
 * The plugin manager's own promises, without any plugin: host extensions, versions, the builder's
 * checks.
 */
class WorldPluginManagerTest {
    @TempDir Path plugins;

    private final SimpleWorld world = new SimpleWorld("test", 60);

    /**
     * Found through {@code META-INF/extensions.idx}, which PF4J's annotation processor writes for
     * the test classes.
     */
    @Extension(ordinal = 5)
    public static final class CountingMemory implements ConsentMemory {
        final Map<ConsentScope, ConsentAnswer> kept = new ConcurrentHashMap<>();

        @Override
        public Optional<ConsentAnswer> recall(ConsentScope scope) {
            return Optional.ofNullable(kept.get(scope));
        }

        @Override
        public void remember(ConsentScope scope, ConsentAnswer answer) {
            kept.put(scope, answer);
        }
    }

    @Test
    void annotatedHostExtensionsAreCreatedOnceSoTheirStateOutlivesPluginRestarts() {
        WorldPluginManager manager = WorldPluginManager.builder(plugins).build();
        ConsentMemory first = onlyCounting(manager.getExtensions(ConsentMemory.class));
        first.remember(
                new ConsentScope("alice", "ws", "127.0.0.1", 9000), ConsentAnswer.GRANTED_ALWAYS);

        manager.loadPlugins();
        manager.startPlugins();
        manager.stopPlugins();
        manager.startPlugins();

        ConsentMemory again = onlyCounting(manager.getExtensions(ConsentMemory.class));
        assertSame(first, again);
        assertEquals(
                Optional.of(ConsentAnswer.GRANTED_ALWAYS),
                again.recall(new ConsentScope("alice", "ws", "127.0.0.1", 9000)));
    }

    @Test
    void givenInstancesAreHandedToPluginsAsTheyAreAndFirst() {
        SimpleUserRoles roles = new SimpleUserRoles();
        WorldPluginManager manager =
                WorldPluginManager.builder(plugins).hostExtension(roles).build();
        List<UserRoles> found = manager.getExtensions(UserRoles.class);
        assertSame(roles, found.get(0));
        assertSame(roles, manager.getExtensions(UserRoles.class).get(0));
        assertTrue(
                manager.getExtensions(ConsentMemory.class).stream()
                        .noneMatch(m -> m == (Object) roles));
    }

    @Test
    void anObjectThatIsNoExtensionIsRefusedWhenGivenNotWhenAPluginAsksForIt() {
        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> WorldPluginManager.builder(plugins).hostExtension("a string"));
        assertTrue(
                refused.getMessage().contains("java.lang.String")
                        && refused.getMessage().contains("ExtensionPoint"),
                refused.getMessage());
    }

    @Test
    void pluginRequiresIsCheckedAgainstThePluginApiVersionNotTheHosts() {
        WorldPluginManager manager = WorldPluginManager.builder(plugins).build();
        assertEquals(PluginApi.VERSION, manager.getSystemVersion());
    }

    private static ConsentMemory onlyCounting(List<ConsentMemory> found) {
        List<ConsentMemory> counting =
                found.stream().filter(CountingMemory.class::isInstance).toList();
        assertEquals(1, counting.size(), "found " + found);
        return counting.get(0);
    }
}
