package dev.wsworld.host.plugins;

import org.pf4j.DefaultExtensionFactory;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginRuntimeException;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates extensions. The host's own extensions are singletons and may take one host service in
 * their constructor; plugins' extensions are created the PF4J default way and never cached here,
 * so an unloaded plugin's classes are not kept alive by the host.
 */
final class HostExtensionFactory implements ExtensionFactory {
    private final Map<Class<?>, Object> services;
    private final Map<Class<?>, Object> hostSingletons = new ConcurrentHashMap<>();
    private final ExtensionFactory fallback = new DefaultExtensionFactory();

    HostExtensionFactory(Map<Class<?>, Object> services) {
        this.services = Map.copyOf(services);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T create(Class<T> extensionClass) {
        if (extensionClass.getClassLoader() != HostExtensionFactory.class.getClassLoader()) {
            return fallback.create(extensionClass);
        }
        return (T) hostSingletons.computeIfAbsent(extensionClass, this::instantiate);
    }

    private Object instantiate(Class<?> type) {
        try {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && services.containsKey(parameters[0])) {
                    constructor.setAccessible(true);
                    return constructor.newInstance(services.get(parameters[0]));
                }
            }
            Constructor<?> plain = type.getDeclaredConstructor();
            plain.setAccessible(true);
            return plain.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new PluginRuntimeException(e, "cannot create host extension {}", type.getName());
        }
    }
}
