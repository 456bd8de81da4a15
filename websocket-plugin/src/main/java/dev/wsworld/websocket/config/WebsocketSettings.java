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

    /**
     * Whether {@code other} builds the same network client: the {@code network:} section and the
     * defaults the client itself applies (connect and idle timeouts, the largest message). Anything
     * else applies to the next decision without a new client.
     */
    public boolean sameTransportAs(WebsocketSettings other) {
        return network.equals(other.network)
                && defaults.connectTimeout().equals(other.defaults.connectTimeout())
                && defaults.idleTimeout().equals(other.defaults.idleTimeout())
                && defaults.maxMessageSize() == other.defaults.maxMessageSize();
    }
}
