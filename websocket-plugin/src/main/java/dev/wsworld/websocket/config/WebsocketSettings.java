package dev.wsworld.websocket.config;

import dev.wsworld.websocket.headers.HostCredentials;
import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.resolution.Role;
import java.util.List;

/**
 * Everything the plugin reads from {@code websocket-client.yaml}. Its {@code toString} shows no
 * secret: credentials show their header names only, passwords are hidden.
 */
public record WebsocketSettings(
        ConnectionDefaults defaults,
        NetworkSettings network,
        DestinationPolicy policy,
        LimitSettings limits,
        List<Role> userResolutionOrder,
        HostCredentials credentials) {
    public WebsocketSettings {
        userResolutionOrder = List.copyOf(userResolutionOrder);
    }
}
