package dev.wsworld.hostsupport.plugins;

import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.host.HostContext;
import dev.wsworld.api.host.HostTime;
import dev.wsworld.api.world.ComponentTypeRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.pf4j.PluginManager;

/** The {@link HostContext} a {@link WorldPluginManager} binds into each plugin. */
record HostServices(
        ComponentTypeRegistry componentTypes,
        Path configDirectory,
        ConfigLoader configLoader,
        Supplier<PluginManager> plugins,
        List<String> vouchedDestinations,
        Optional<HostTime> time)
        implements HostContext {
    @Override
    public PluginManager pluginManager() {
        return plugins.get();
    }
}
