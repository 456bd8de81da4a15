package dev.wsworld.hostsupport.plugins;

import dev.wsworld.api.world.ComponentTypeRegistry;
import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.host.HostContext;
import org.pf4j.PluginManager;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.List;

/** The {@link HostContext} a {@link WorldPluginManager} binds into each plugin. */
record HostServices(ComponentTypeRegistry componentTypes, Path configDirectory, ConfigLoader configLoader,
                    Supplier<PluginManager> plugins, List<String> vouchedDestinations) implements HostContext {
    @Override
    public PluginManager pluginManager() {
        return plugins.get();
    }
}
