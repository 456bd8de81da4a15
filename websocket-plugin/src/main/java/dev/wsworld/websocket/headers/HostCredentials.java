package dev.wsworld.websocket.headers;

import dev.wsworld.websocket.policy.Destination;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's credentials ({@code credentials} in {@code websocket-client.yaml}) and the one place
 * that decides which headers an upgrade carries. A credential is added only to the destination of
 * the upgrade, matched by its URL as the policy matches it (scheme, canonical host, port): never to
 * another destination, and never to a proxy, whose CONNECT request is a request of its own.
 *
 * @param entries in file order; the first whose pattern matches applies
 */
public record HostCredentials(List<Credential> entries) {
    public static final HostCredentials NONE = new HostCredentials(List.of());

    public HostCredentials {
        entries = List.copyOf(entries);
    }

    /**
     * What an upgrade carries.
     *
     * @param headers the world's headers, then the host's
     * @param dropped names of the world's headers that were left out because the host sends its own
     *     of that name, as the world wrote them
     */
    public record Handshake(List<Header> headers, List<String> dropped) {
        public Handshake {
            headers = List.copyOf(headers);
            dropped = List.copyOf(dropped);
        }
    }

    /** The headers of the first entry matching {@code destination}; none when no entry does. */
    public List<Header> forDestination(Destination destination) {
        for (Credential entry : entries) {
            if (entry.destination().matches(destination)) {
                return entry.headers();
            }
        }
        return List.of();
    }

    /**
     * The headers of an upgrade to {@code destination}: the world's, in its order, then the host's
     * credential for it. A world's header named like one of the host's is dropped, not sent beside
     * it: a world cannot override, or add to, what the host authenticates with.
     */
    public Handshake handshake(Destination destination, List<Header> world) {
        List<Header> host = forDestination(destination);
        if (host.isEmpty()) {
            return new Handshake(world, List.of());
        }
        List<Header> sent = new ArrayList<>(world.size() + host.size());
        List<String> dropped = new ArrayList<>();
        for (Header header : world) {
            if (host.stream().anyMatch(own -> own.named(header.name()))) {
                if (dropped.stream().noneMatch(header::named)) {
                    dropped.add(header.name());
                }
            } else {
                sent.add(header);
            }
        }
        sent.addAll(host);
        return new Handshake(sent, dropped);
    }

    /** Each entry as {@code stats} shows it: the pattern and the header names, no value. */
    public List<String> describe() {
        return entries.stream()
                .map(
                        entry ->
                                entry.destination()
                                        + ": "
                                        + String.join(
                                                ", ",
                                                entry.headers().stream()
                                                        .map(Header::name)
                                                        .toList()))
                .toList();
    }
}
