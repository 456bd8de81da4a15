package dev.wsworld.websocket.connection;

import dev.wsworld.api.websocketclient.HostAccessScope;
import org.jspecify.annotations.Nullable;

/**
 * One Request Host Access, as its events describe it.
 *
 * @param userId who was (or would have been) asked; null when no handling user was present
 * @param host the host, canonical once it could be read
 */
public record HostAccessRequest(
        @Nullable String userId, String host, int port, HostAccessScope scope) {}
