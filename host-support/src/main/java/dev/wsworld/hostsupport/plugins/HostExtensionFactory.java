package dev.wsworld.hostsupport.plugins;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.DefaultExtensionFactory;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginClassLoader;

/**
 * Creates extensions. The host's own (classes on the host's class path) are created once and kept,
 * so their state outlives plugin stops and reloads; plugins' extensions are created the PF4J way
 * and never cached here, so an unloaded plugin's classes are not kept alive by the host.
 */
final class HostExtensionFactory implements ExtensionFactory {
    private final Map<Class<?>, Object> hostSingletons = new ConcurrentHashMap<>();
    private final ExtensionFactory perCall = new DefaultExtensionFactory();

    @Override
    public <T> T create(Class<T> extensionClass) {
        if (!isHostClass(extensionClass)) {
            return perCall.create(extensionClass);
        }
        return extensionClass.cast(hostSingletons.computeIfAbsent(extensionClass, perCall::create));
    }

    /** Not loaded by a plugin's class loader: the host's own class path. */
    private static boolean isHostClass(Class<?> type) {
        return !(type.getClassLoader() instanceof PluginClassLoader);
    }
}
