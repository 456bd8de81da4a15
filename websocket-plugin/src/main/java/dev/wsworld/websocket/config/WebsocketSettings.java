package dev.wsworld.websocket.config;

import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.resolution.Role;
import java.util.List;

/** Everything the plugin reads from {@code websocket-client.yaml}. */
public record WebsocketSettings(
        ConnectionDefaults defaults,
        NetworkSettings network,
        DestinationPolicy policy,
        LimitSettings limits,
        List<Role> userResolutionOrder) {
    public WebsocketSettings {
        userResolutionOrder = List.copyOf(userResolutionOrder);
    }
}
