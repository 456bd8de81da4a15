package dev.wsworld.websocket.connection;

import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.headers.HostCredentials;
import dev.wsworld.websocket.transport.ConnectSpec;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * What each attempt's upgrade request carries: the target's URL, subprotocols and headers with the
 * host's credentials for that destination. The world hears once per target, not on every retry,
 * which of its headers give way to the host's. World thread only.
 */
final class UpgradeRequests {
    private final Supplier<ConnectionServices> services;
    private final ConnectionObserver observer;

    /** The world's header names the current target's upgrades leave out, as last reported. */
    private List<String> reportedDropped = List.of();

    UpgradeRequests(Supplier<ConnectionServices> services, ConnectionObserver observer) {
        this.services = services;
        this.observer = observer;
    }

    /** A new target: what gives way is reported again. */
    void reset() {
        reportedDropped = List.of();
    }

    /** The request for the next attempt at {@code target}, connecting to {@code addresses}. */
    ConnectSpec next(ConnectTarget target, List<InetAddress> addresses) {
        HostCredentials.Handshake handshake =
                services.get().credentials().handshake(target.destination(), target.headers());
        reportDropped(handshake.dropped());
        return new ConnectSpec(
                target.destination().uri(),
                target.subprotocols(),
                services.get().defaults().connectTimeout(),
                addresses,
                target.compression(),
                handshake.headers());
    }

    private void reportDropped(List<String> dropped) {
        if (dropped.equals(reportedDropped)) {
            return;
        }
        reportedDropped = dropped;
        for (String name : dropped) {
            observer.error(
                    Failure.of(
                            FailureKind.HEADER_DROPPED,
                            "the Headers field's "
                                    + name
                                    + " is not sent: this host sends its own "
                                    + name
                                    + " to this destination"));
        }
    }
}
