package dev.wsworld.websocket.connection;

import dev.wsworld.api.websocketclient.HostAccessScope;

/**
 * One Request Host Access, as its events describe it.
 *
 * @param userId who was (or would have been) asked; null when no handling user was present
 * @param host the host, canonical once it could be read
 */
public record HostAccessRequest(String userId, String host, int port, HostAccessScope scope) {}
