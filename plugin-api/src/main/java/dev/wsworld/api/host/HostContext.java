package dev.wsworld.api.host;

import dev.wsworld.api.world.ComponentTypeRegistry;
import dev.wsworld.api.config.ConfigLoader;
import org.pf4j.PluginManager;

import java.nio.file.Path;
import java.util.List;

/**
 * What a host hands a {@link WorldPlugin} before starting it. Extension points a host implements
 * ({@link dev.wsworld.api.extension.UserRoles}, {@link dev.wsworld.api.extension.ConsentPrompt})
 * are found through PF4J, not through this object.
 */
public interface HostContext {
    ComponentTypeRegistry componentTypes();

    /** Directory holding the host's YAML configuration files. */
    Path configDirectory();

    ConfigLoader configLoader();

    /** The host's PF4J plugin manager, through which plugins find host extensions. */
    PluginManager pluginManager();

    /**
     * Destinations the host itself vouches for (its own services), as allowlist entries such as
     * {@code ws://127.0.0.1:9000}: pre-granted like the configured allowlist.
     */
    default List<String> vouchedDestinations() {
        return List.of();
    }
}
