package dev.wsworld.websocket.component;

import static dev.wsworld.api.websocketclient.WebsocketClientFields.ACCESS_REASON;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.COMPRESSION;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.CONNECT_RETRY_INTERVAL;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.HANDLING_USER;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.HEADERS;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.SUBPROTOCOLS;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.URL;

import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.api.world.Component;
import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.World;
import dev.wsworld.websocket.connection.ConnectTarget;
import dev.wsworld.websocket.consent.AccessReasons;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.headers.Header;
import dev.wsworld.websocket.headers.WorldHeaders;
import dev.wsworld.websocket.policy.Destination;
import dev.wsworld.websocket.resolution.Resolution;
import dev.wsworld.websocket.runtime.PluginRuntime;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * What an enabled WebsocketClient's fields ask for, read in one place and not yet acted on: a
 * target to connect to, or why there is none. Update thread only (it reads fields).
 */
sealed interface WantedConnection {
    /** URL is empty: nothing to connect to. */
    record NoUrl() implements WantedConnection {}

    /** URL or Headers cannot be used; the failure says which and why. */
    record Unusable(Failure failure) implements WantedConnection {}

    /** No handling user is present. */
    record NoUser(Resolution resolution) implements WantedConnection {}

    /** Connect to this target, handled by the resolved user. */
    record Connect(ConnectTarget target, Resolution resolution) implements WantedConnection {}

    /** Reads the fields, in the order their problems are reported. */
    static WantedConnection read(Component component, World world, PluginRuntime runtime) {
        URI url = component.field(URL).get();
        if (url == null || url.toString().isBlank()) {
            return new NoUrl();
        }
        Destination destination;
        try {
            destination = Destination.parse(url);
        } catch (Destination.InvalidDestinationException e) {
            return new Unusable(
                    Failure.of(FailureKind.INVALID_URL, "invalid URL: " + e.getMessage()));
        }
        List<Header> headers;
        try {
            headers = WorldHeaders.parse(component.field(HEADERS).get());
        } catch (WorldHeaders.RefusedException e) {
            return new Unusable(Failure.of(FailureKind.INVALID_HEADERS, e.getMessage()));
        }
        Slot slot = component.slot();
        Resolution resolved =
                runtime.resolver().resolve(slot, component.field(HANDLING_USER).get());
        if (!resolved.found()) {
            return new NoUser(resolved);
        }
        return new Connect(
                new ConnectTarget(
                        destination,
                        resolved.user(),
                        AccessReasons.sanitise(component.field(ACCESS_REASON).get()),
                        runtime.retryPolicy()
                                .interval(component.field(CONNECT_RETRY_INTERVAL).get()),
                        subprotocols(component),
                        slot.name(),
                        slot.path(),
                        world,
                        compression(component, runtime),
                        headers),
                resolved);
    }

    /** The Compression field, or {@code defaults.compression} while it is unset. */
    private static boolean compression(Component component, PluginRuntime runtime) {
        Boolean field = component.field(COMPRESSION).get();
        return field != null ? field : runtime.settings().defaults().compression();
    }

    private static List<String> subprotocols(Component component) {
        String text = component.field(SUBPROTOCOLS).get();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
