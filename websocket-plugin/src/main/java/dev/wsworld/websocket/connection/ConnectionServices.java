package dev.wsworld.websocket.connection;

import dev.wsworld.api.host.HostTime;
import dev.wsworld.websocket.config.ConnectionDefaults;
import dev.wsworld.websocket.config.NetworkSettings;
import dev.wsworld.websocket.consent.ConsentGate;
import dev.wsworld.websocket.headers.HostCredentials;
import dev.wsworld.websocket.policy.ConnectionLimits;
import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.transport.Transport;

/**
 * What every connection of one plugin instance shares.
 *
 * @param transport the network client
 * @param time the clock and timers the rules run on (retries, keep-alive, close timeouts, the
 *     re-check of looked-up addresses); timer tasks only enqueue
 * @param consent asks handling users and remembers their answers
 * @param retry retry timing
 * @param defaults the {@code defaults:} section: per-connection timeouts and limits
 * @param network the {@code network:} section: the close grace, how long checked addresses stay
 *     good, the proxy
 * @param policy which destinations may be asked for at all
 * @param limits connection caps
 * @param flow back-pressure figures
 * @param credentials the host's headers for the destinations they name
 */
public record ConnectionServices(
        Transport transport,
        HostTime time,
        ConsentGate consent,
        RetryPolicy retry,
        ConnectionDefaults defaults,
        NetworkSettings network,
        DestinationPolicy policy,
        ConnectionLimits limits,
        InboundFlow flow,
        HostCredentials credentials) {

    /**
     * Whether a name that cannot be looked up here may still be tried: through a proxy the proxy
     * resolves names, so only a name that resolves here to a refused address is refused.
     */
    public boolean proxyResolves(String scheme, String host, int port) {
        return network.proxy().isPresent() && network.proxy().get().carries(scheme, host, port);
    }
}
