package dev.wsworld.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A WebSocket upgrade request as a {@link ScriptedServer} received it, accepted, refused or held.
 *
 * @param path the request's path, such as {@code /chat}
 * @param pathAndQuery path and query as they came on the wire, such as {@code /chat?room=1}
 * @param headers every header, by name (names compared without regard to case)
 * @param subprotocols the subprotocols the client offered, in its order
 */
public record UpgradeRequest(
        String path,
        String pathAndQuery,
        Map<String, List<String>> headers,
        List<String> subprotocols) {
    /**
     * Copies the parts.
     *
     * @param path the request's path
     * @param pathAndQuery path and query
     * @param headers every header, by name
     * @param subprotocols the subprotocols offered
     */
    public UpgradeRequest {
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(byName);
        subprotocols = List.copyOf(subprotocols);
    }

    /**
     * The first value of a header.
     *
     * @param name the header's name, in any case
     * @return its first value, or empty when the request has none
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
