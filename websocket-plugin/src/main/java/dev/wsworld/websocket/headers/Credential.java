package dev.wsworld.websocket.headers;

import dev.wsworld.websocket.policy.DestinationPattern;
import java.util.List;
import java.util.Objects;

/**
 * Headers the host adds to upgrades to the destinations a pattern matches: secrets a world never
 * sees. {@code toString} shows the pattern and the header names, never a value ({@link Header}).
 *
 * @param destination in the allowlist's syntax
 * @param headers checked by {@link HeaderRules}; at least one
 */
public record Credential(DestinationPattern destination, List<Header> headers) {
    public Credential {
        Objects.requireNonNull(destination, "destination");
        headers = List.copyOf(headers);
    }
}
