package dev.wsworld.host.plugins;

import dev.wsworld.api.world.ComponentTypeRegistry;
import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.host.HostContext;
import org.pf4j.PluginManager;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.List;

/** The host stub's {@link HostContext}. */
record HostServices(ComponentTypeRegistry componentTypes, Path configDirectory, ConfigLoader configLoader,
                    Supplier<PluginManager> plugins, List<String> vouchedDestinations) implements HostContext {
    @Override
    public PluginManager pluginManager() {
        return plugins.get();
    }
}
