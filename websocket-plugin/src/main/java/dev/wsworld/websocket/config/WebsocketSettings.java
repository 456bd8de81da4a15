package dev.wsworld.websocket.config;

import dev.wsworld.websocket.resolution.Role;

import java.util.List;

/** Everything the plugin reads from {@code websocket-client.yaml}. */
public record WebsocketSettings(ConnectionDefaults defaults, NetworkSettings network, List<Role> userResolutionOrder) {
    public WebsocketSettings {
        userResolutionOrder = List.copyOf(userResolutionOrder);
    }
}
