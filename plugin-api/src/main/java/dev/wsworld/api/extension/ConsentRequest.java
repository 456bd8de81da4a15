package dev.wsworld.api.extension;

import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.api.world.User;
import java.util.Objects;

/**
 * A request to let an object connect on a user's behalf.
 *
 * @param user who is asked; always present in the session
 * @param objectName name of the slot holding the component
 * @param slotPath full path of that slot
 * @param scheme {@code ws} or {@code wss}
 * @param host destination host as written in the URL (lower case)
 * @param port destination port (explicit or the scheme's default)
 * @param reason the AccessReason, already sanitised: plain single-line text, bounded length
 */
public record ConsentRequest(
        User user,
        String objectName,
        String slotPath,
        String scheme,
        String host,
        int port,
        String reason) {
    /**
     * Checks the request; a null reason becomes empty.
     *
     * @param user who is asked
     * @param objectName name of the slot holding the component
     * @param slotPath full path of that slot
     * @param scheme {@code ws} or {@code wss}
     * @param host destination host
     * @param port destination port
     * @param reason the sanitised AccessReason
     */
    public ConsentRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        reason = reason == null ? "" : reason;
    }

    /**
     * The destination, the way prompts show it.
     *
     * @return {@code scheme://host:port}
     */
    public String destination() {
        return scheme + "://" + CanonicalHost.forUri(host) + ":" + port;
    }
}
