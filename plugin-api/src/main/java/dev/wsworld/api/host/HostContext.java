package dev.wsworld.api.host;

import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.world.ComponentTypeRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pf4j.PluginManager;

/**
 * What a host hands a {@link WorldPlugin} before starting it ({@link WorldPlugin#bind}). Extension
 * points a host implements ({@link dev.wsworld.api.extension.UserRoles}, {@link
 * dev.wsworld.api.extension.ConsentPrompt}, {@link dev.wsworld.api.extension.ConsentMemory}) are
 * found through PF4J, not through this object. host-support's {@code WorldPluginManager} binds one
 * into every plugin it creates.
 *
 * <p>Configuration: each plugin reads one file of its own in {@link #configDirectory()} through
 * {@link #configLoader()}. The WebsocketClient plugin's is {@code websocket-client.yaml}, in YAML;
 * every key is optional and a missing one keeps the plugin's built-in default. A host without
 * configuration files returns {@code null} from both methods, and its plugins run on their
 * defaults.
 */
public interface HostContext {
    /**
     * Where the plugin registers its component types. Plugins call it from the thread that starts
     * and stops them, never from the update thread.
     *
     * @return the world's registry
     */
    ComponentTypeRegistry componentTypes();

    /**
     * The directory holding the host's configuration files, such as {@code websocket-client.yaml}.
     *
     * @return the directory (it need not exist), or null for a host without configuration files
     */
    Path configDirectory();

    /**
     * Parses the files in {@link #configDirectory()}: YAML in host-support's {@code
     * YamlConfigLoader}, so that errors name file:line:column.
     *
     * @return the loader, or null for a host without configuration files
     */
    ConfigLoader configLoader();

    /**
     * The host's PF4J plugin manager, through which plugins find host extensions.
     *
     * @return the manager that loaded the plugin
     */
    PluginManager pluginManager();

    /**
     * Destinations the host itself vouches for (its own services): pre-granted like the configured
     * allowlist.
     *
     * @return allowlist entries such as {@code ws://127.0.0.1:9000}; empty by default
     */
    default List<String> vouchedDestinations() {
        return List.of();
    }

    /**
     * The clock and timers the plugin's rules run on, for a host that drives time itself (tests).
     *
     * @return the host's time, or empty for the system's clock and the plugin's own timers
     */
    default Optional<HostTime> time() {
        return Optional.empty();
    }
}
