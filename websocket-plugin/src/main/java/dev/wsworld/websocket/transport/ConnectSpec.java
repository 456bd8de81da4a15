package dev.wsworld.websocket.transport;

import dev.wsworld.websocket.headers.Header;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One connection attempt's parameters.
 *
 * @param uri ws:// or wss:// destination, already checked
 * @param subprotocols offered subprotocols, may be empty
 * @param connectTimeout limit for TCP connect, TLS and the upgrade together
 * @param addresses the addresses the host name was resolved to and checked against the policy: the
 *     socket connects to these and no other; empty for an address written in the URL, and for a
 *     name the proxy resolves
 * @param compression offer permessage-deflate (RFC 7692)
 * @param headers added to the upgrade request, in this order: the world's, then the host's
 *     credential for this destination; checked, and never given to a proxy
 */
public record ConnectSpec(
        URI uri,
        List<String> subprotocols,
        Duration connectTimeout,
        List<InetAddress> addresses,
        boolean compression,
        List<Header> headers) {
    public ConnectSpec {
        subprotocols = List.copyOf(subprotocols);
        addresses = List.copyOf(addresses);
        headers = List.copyOf(headers);
    }
}
