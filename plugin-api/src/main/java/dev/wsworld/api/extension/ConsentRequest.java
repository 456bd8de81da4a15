package dev.wsworld.api.extension;

import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import java.util.Objects;

/**
 * A request to let an object connect on a user's behalf. It belongs to the world that asks: a host
 * with several worlds shows the prompt in that world's session, and an answer to it grants nothing
 * in another world. Object name, slot path and reason come from the world, so they are hostile
 * text: show them escaped, bounded and marked as the world's, after what the host knows itself (the
 * user and the destination).
 *
 * @param world the world whose component asks
 * @param user who is asked; always present in that world's session
 * @param objectName name of the slot holding the component
 * @param slotPath full path of that slot
 * @param scheme {@code ws} or {@code wss}
 * @param host destination host as written in the URL (lower case)
 * @param port destination port (explicit or the scheme's default)
 * @param reason the AccessReason, already sanitised: plain single-line text, bounded length
 */
public record ConsentRequest(
        World world,
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
     * @param world the world whose component asks
     * @param user who is asked
     * @param objectName name of the slot holding the component
     * @param slotPath full path of that slot
     * @param scheme {@code ws} or {@code wss}
     * @param host destination host
     * @param port destination port
     * @param reason the sanitised AccessReason
     */
    public ConsentRequest {
        Objects.requireNonNull(world, "world");
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
