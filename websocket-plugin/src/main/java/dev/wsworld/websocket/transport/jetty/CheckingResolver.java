package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.websocket.policy.DestinationPolicy;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolves a host once, checks every address against the policy, and gives Jetty only those
 * addresses to connect to. The Host header and TLS SNI keep the name, so a DNS answer that changes
 * between check and connect (rebinding) cannot slip past.
 */
final class CheckingResolver implements SocketAddressResolver {
    private final Executor executor;
    private final Supplier<DestinationPolicy> policy;
    private final Map<String, List<InetAddress>> staticHosts;

    /** @param policy asked for every resolution, so a configuration reload applies at once */
    CheckingResolver(Executor executor, Supplier<DestinationPolicy> policy,
                     Map<String, List<InetAddress>> staticHosts) {
        this.executor = executor;
        this.policy = policy;
        this.staticHosts = Map.copyOf(staticHosts);
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        executor.execute(() -> {
            String name;
            try {
                name = CanonicalHost.of(host);
            } catch (IllegalArgumentException e) {
                promise.failed(new BlockedDestinationException("blocked: host " + e.getMessage()));
                return;
            }
            List<InetAddress> addresses;
            try {
                addresses = staticHosts.containsKey(name) ? staticHosts.get(name) : Arrays.asList(InetAddress.getAllByName(name));
            } catch (UnknownHostException e) {
                promise.failed(new UnknownHostException("cannot resolve " + name));
                return;
            }
            Optional<String> refusal = policy.get().checkResolved(scheme(context), name, port, addresses);
            if (refusal.isPresent()) {
                promise.failed(new BlockedDestinationException(refusal.get()));
                return;
            }
            List<InetSocketAddress> checked = new ArrayList<>(addresses.size());
            for (InetAddress address : addresses) {
                checked.add(new InetSocketAddress(address, port));
            }
            promise.succeeded(checked);
        });
    }

    /** ws or wss, from the HTTP destination Jetty resolves for; null when Jetty does not say. */
    private static String scheme(Map<String, Object> context) {
        Object destination = context == null ? null : context.get(Destination.CONTEXT_KEY);
        if (destination instanceof Destination http) {
            String scheme = http.getOrigin().getScheme();
            return scheme.equals("https") || scheme.equals("wss") ? "wss" : "ws";
        }
        return null;
    }

    /** The policy refused the addresses a name resolved to. */
    static final class BlockedDestinationException extends Exception {
        private static final long serialVersionUID = 1L;

        BlockedDestinationException(String reason) {
            super(reason, null, false, false);
        }
    }
}
