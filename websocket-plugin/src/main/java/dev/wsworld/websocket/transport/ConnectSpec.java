package dev.wsworld.websocket.transport;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One connection attempt's parameters.
 *
 * @param uri            ws:// or wss:// destination, already checked
 * @param subprotocols   offered subprotocols, may be empty
 * @param connectTimeout limit for TCP connect, TLS and the upgrade together
 */
public record ConnectSpec(URI uri, List<String> subprotocols, Duration connectTimeout) {
    public ConnectSpec {
        subprotocols = List.copyOf(subprotocols);
    }
}
