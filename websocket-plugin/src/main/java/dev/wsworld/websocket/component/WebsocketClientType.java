package dev.wsworld.websocket.component;

import dev.wsworld.api.websocketclient.WebsocketClientFields;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.world.ComponentBehaviour;
import dev.wsworld.api.world.ComponentContext;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.websocket.runtime.PluginRuntime;
import java.util.List;

/**
 * The {@code WebsocketClient} component type: its fields ({@link WebsocketClientFields}), and a
 * behaviour per instance.
 */
public final class WebsocketClientType implements ComponentType {
    private final PluginRuntime runtime;

    public WebsocketClientType(PluginRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return WebsocketClientNodes.TYPE;
    }

    @Override
    public List<FieldSpec<?>> fields() {
        return WebsocketClientFields.ALL;
    }

    @Override
    public ComponentBehaviour attach(ComponentContext context) {
        return new WebsocketClientBehaviour(context, runtime);
    }
}
