package dev.wsworld.websocket.connection;

import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import dev.wsworld.websocket.headers.Header;
import dev.wsworld.websocket.policy.Destination;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where to connect, for whom, and why: everything an attempt needs from the component.
 *
 * @param destination checked URL
 * @param user the effective handling user (present)
 * @param accessReason sanitised AccessReason
 * @param retryInterval base retry interval (component field or default)
 * @param subprotocols offered subprotocols
 * @param objectName name of the slot holding the component
 * @param slotPath path of that slot
 * @param world the world the component lives in: its prompts and per-world limits
 * @param compression offer permessage-deflate (the Compression field, or the configured default)
 * @param headers the world's Headers field, checked; the host's credentials are added when
 *     connecting
 */
public record ConnectTarget(
        Destination destination,
        User user,
        String accessReason,
        Duration retryInterval,
        List<String> subprotocols,
        String objectName,
        String slotPath,
        World world,
        boolean compression,
        List<Header> headers) {
    public ConnectTarget {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(user, "user");
        subprotocols = List.copyOf(subprotocols);
        headers = List.copyOf(headers);
    }

    /** What a consent answer covers: the user, the scheme, the host and the port (not the path). */
    public List<Object> consentScope() {
        return List.of(user.id(), destination.scheme(), destination.host(), destination.port());
    }

    /**
     * Whether switching from {@code other} to this needs a new connection (URL, user, subprotocols,
     * compression or headers differ).
     */
    public boolean needsReconnectFrom(ConnectTarget other) {
        return other == null
                || !destination.uri().equals(other.destination.uri())
                || !user.id().equals(other.user.id())
                || !subprotocols.equals(other.subprotocols)
                || compression != other.compression
                || !headers.equals(other.headers);
    }
}
