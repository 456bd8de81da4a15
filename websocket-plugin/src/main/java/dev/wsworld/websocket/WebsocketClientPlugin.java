package dev.wsworld.websocket;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.host.HostContext;
import dev.wsworld.api.host.WorldPlugin;
import dev.wsworld.websocket.component.WebsocketClientType;
import dev.wsworld.websocket.config.SettingsLoader;
import dev.wsworld.websocket.config.WebsocketSettings;
import dev.wsworld.websocket.policy.DestinationPattern;
import dev.wsworld.websocket.runtime.PluginRuntime;
import dev.wsworld.websocket.transport.jetty.JettyTransport;
import java.util.Map;
import org.pf4j.PluginRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J plugin: on start it reads its settings, starts one network client and registers the
 * {@code WebsocketClient} component type; on stop it closes every live connection with 1001 and
 * waits for the closes (bounded by the close grace) so the world hears each {@code disconnected},
 * then unregisters the type and releases every thread it started.
 */
public final class WebsocketClientPlugin extends WorldPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(WebsocketClientPlugin.class);

    private volatile PluginRuntime runtime;
    private WebsocketClientType type;

    @Override
    public synchronized void start() {
        HostContext host = host();
        WebsocketSettings settings;
        try {
            settings = new SettingsLoader(host.configLoader()).load(host.configDirectory());
        } catch (ConfigException e) {
            // PF4J formats its message: a '%' in ours (a header name's rule, a URL) must stay text
            throw new PluginRuntimeException(e, "{}", e.getMessage());
        }
        for (String vouched : host.vouchedDestinations()) {
            try {
                DestinationPattern.parse(vouched);
            } catch (IllegalArgumentException e) {
                throw new PluginRuntimeException(
                        e, "host vouched for a malformed destination: {}", e.getMessage());
            }
        }
        try {
            runtime =
                    new PluginRuntime(
                            settings,
                            host.pluginManager(),
                            host.vouchedDestinations(),
                            host.time(),
                            (s, policy) -> new JettyTransport(s.network(), s.defaults(), policy));
        } catch (RuntimeException e) {
            throw new PluginRuntimeException(
                    e, "cannot start the network client: {}", e.getMessage());
        }
        type = new WebsocketClientType(runtime);
        try {
            host.componentTypes().register(type);
        } catch (RuntimeException e) {
            runtime.close();
            runtime = null;
            throw e;
        }
        LOG.info("WebsocketClient component type registered");
    }

    /**
     * Re-reads websocket-client.yaml; on error the running configuration stays and the error is
     * thrown.
     */
    @Override
    public synchronized void reloadConfiguration() throws ConfigException {
        if (runtime == null) {
            return;
        }
        HostContext host = host();
        WebsocketSettings settings =
                new SettingsLoader(host.configLoader()).load(host.configDirectory());
        runtime.reconfigure(settings);
    }

    @Override
    public Map<String, Object> diagnostics() {
        PluginRuntime running = runtime;
        return running == null ? Map.of() : running.diagnostics();
    }

    @Override
    public synchronized void stop() {
        if (runtime == null) {
            return;
        }
        try {
            runtime.closeConnectionsForShutdown();
            host().componentTypes().unregister(type);
        } finally {
            runtime.close();
            runtime = null;
            type = null;
        }
        LOG.info("WebsocketClient component type unregistered; all connections closed");
    }
}
