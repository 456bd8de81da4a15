package dev.wsworld.api.extension;

import dev.wsworld.api.net.CanonicalHost;
import java.util.Objects;

/**
 * What a lasting consent decision covers: one user, one scheme, one host and one port. A grant for
 * wss://h does not grant ws://h, nor the other way round.
 *
 * @param userId the user's {@code User.id()}
 * @param scheme {@code ws} or {@code wss}
 * @param host the host in {@code CanonicalHost} spelling
 * @param port the port
 */
public record ConsentScope(String userId, String scheme, String host, int port) {
    /**
     * Checks the scope.
     *
     * @param userId the user's id
     * @param scheme {@code ws} or {@code wss}
     * @param host the host in canonical spelling
     * @param port the port
     */
    public ConsentScope {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
    }

    /**
     * The scope a request's answer covers.
     *
     * @param request the request
     * @return its user, scheme, host and port
     */
    public static ConsentScope of(ConsentRequest request) {
        return new ConsentScope(
                request.user().id(), request.scheme(), request.host(), request.port());
    }

    @Override
    public String toString() {
        return userId + " " + scheme + "://" + CanonicalHost.forUri(host) + ":" + port;
    }
}
