package dev.wsworld.api.host;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.pf4j.Plugin;

/**
 * Base class of plugins that add to a world. The host binds its {@link HostContext} right after
 * creating the plugin and before {@link #start()} (host-support's {@code WorldPluginManager} does
 * it in its PF4J {@code PluginFactory}). PF4J calls {@code start()} and {@code stop()} on the
 * thread that starts and stops plugins, which must not be the world's update thread: a plugin
 * registers and unregisters its component types through it and waits until that is done.
 */
public abstract class WorldPlugin extends Plugin {
    private volatile @Nullable HostContext host;

    /**
     * Hands the plugin its host. Called by the host once, before start.
     *
     * @param context what the host offers
     * @throws IllegalStateException when the plugin is already bound to another context
     */
    public final void bind(HostContext context) {
        if (host != null && host != context) {
            throw new IllegalStateException("plugin is already bound to a host");
        }
        host = Objects.requireNonNull(context, "context");
    }

    /**
     * Re-reads the plugin's configuration while it runs. On error the previous configuration stays
     * in force and the error is thrown; the default does nothing.
     *
     * @throws dev.wsworld.api.config.ConfigException naming the file, line and column of the
     *     mistake
     */
    public void reloadConfiguration() throws dev.wsworld.api.config.ConfigException {}

    /**
     * Figures a host can show or export, as plain JSON-like values (numbers, text, maps of them).
     * Callable from any thread; the default has none.
     *
     * @return figure names to values
     */
    public Map<String, Object> diagnostics() {
        return Map.of();
    }

    /**
     * The host this plugin was bound to.
     *
     * @return the context
     * @throws IllegalStateException when the host did not bind a context
     */
    protected final HostContext host() {
        HostContext context = host;
        if (context == null) {
            throw new IllegalStateException(
                    getClass().getName()
                            + " was started by a host that did not bind a HostContext");
        }
        return context;
    }
}
