package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.websocket.policy.DestinationPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves a host once, checks every address against the policy, and gives Jetty only those
 * addresses to connect to. The Host header and TLS SNI keep the name, so a DNS answer that changes
 * between check and connect (rebinding) cannot slip past.
 */
final class CheckingResolver implements SocketAddressResolver {
    private final Executor executor;
    private final Supplier<DestinationPolicy> policy;
    private final Map<String, List<InetAddress>> staticHosts;

    /** Addresses checked before the user was asked, by host:port, for the connect that follows. */
    private final Map<String, Checked> prechecked = new ConcurrentHashMap<>();

    private final Duration precheckedFor;

    private record Checked(List<InetAddress> addresses, long atNanos) {}

    /**
     * @param policy asked for every resolution, so a configuration reload applies at once
     * @param precheckedFor how long addresses checked before a connect are used for it
     */
    CheckingResolver(
            Executor executor,
            Supplier<DestinationPolicy> policy,
            Map<String, List<InetAddress>> staticHosts,
            Duration precheckedFor) {
        this.executor = executor;
        this.policy = policy;
        this.staticHosts = Map.copyOf(staticHosts);
        this.precheckedFor = precheckedFor;
    }

    /**
     * The next connect to {@code host:port} uses these addresses, which were checked already, and
     * no others.
     */
    void useChecked(String host, int port, List<InetAddress> addresses) {
        if (!addresses.isEmpty()) {
            prechecked.put(key(host, port), new Checked(List.copyOf(addresses), System.nanoTime()));
        }
    }

    private static String key(String host, int port) {
        return host + " " + port;
    }

    /**
     * The addresses a name stands for: {@code network.hosts}, then {@code localhost} and {@code
     * *.localhost} as loopback (RFC 6761: never sent to DNS), then the system resolver. Blocks on
     * DNS: run it on a network thread.
     */
    List<InetAddress> addressesOf(String name) throws UnknownHostException {
        List<InetAddress> fixed = staticHosts.get(name);
        if (fixed != null) {
            // each address carries the name, as DNS answers do: TLS then sends it as SNI and
            // verifies the certificate against it, not against the mapped address
            List<InetAddress> named = new ArrayList<>(fixed.size());
            for (InetAddress address : fixed) {
                named.add(InetAddress.getByAddress(name, address.getAddress()));
            }
            return named;
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return List.of(
                    InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1}),
                    InetAddress.getByAddress(
                            name, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        }
        return Arrays.asList(InetAddress.getAllByName(name));
    }

    /** {@link #addressesOf} on a network thread. */
    CompletableFuture<List<InetAddress>> lookUp(String host) {
        CompletableFuture<List<InetAddress>> result = new CompletableFuture<>();
        executor.execute(
                () -> {
                    try {
                        result.complete(addressesOf(CanonicalHost.of(host)));
                    } catch (UnknownHostException e) {
                        result.completeExceptionally(
                                new UnknownHostException("cannot resolve " + host));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
        return result;
    }

    @Override
    public void resolve(
            String host,
            int port,
            Map<String, Object> context,
            Promise<List<InetSocketAddress>> promise) {
        executor.execute(
                () -> {
                    String name;
                    try {
                        name = CanonicalHost.of(host);
                    } catch (IllegalArgumentException e) {
                        promise.failed(
                                new BlockedDestinationException("blocked: host " + e.getMessage()));
                        return;
                    }
                    if (isProxyOf(context, name, port)) {
                        // the host's own choice, exempt from the rules; the destination behind it
                        // was checked before connecting
                        try {
                            promise.succeeded(sockets(addressesOf(name), port));
                        } catch (UnknownHostException e) {
                            promise.failed(
                                    new UnknownHostException("cannot resolve proxy " + name));
                        }
                        return;
                    }
                    List<InetAddress> addresses;
                    Checked checked = prechecked.get(key(name, port));
                    if (checked != null
                            && System.nanoTime() - checked.atNanos() < precheckedFor.toNanos()) {
                        addresses = checked.addresses(); // exactly what was checked before the user
                        // was asked
                    } else {
                        try {
                            addresses = addressesOf(name);
                        } catch (UnknownHostException e) {
                            promise.failed(new UnknownHostException("cannot resolve " + name));
                            return;
                        }
                    }
                    Optional<String> refusal =
                            policy.get().checkResolved(scheme(context), name, port, addresses);
                    if (refusal.isPresent()) {
                        promise.failed(new BlockedDestinationException(refusal.get()));
                        return;
                    }
                    promise.succeeded(sockets(addresses, port));
                });
    }

    private static List<InetSocketAddress> sockets(List<InetAddress> addresses, int port) {
        List<InetSocketAddress> sockets = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            sockets.add(new InetSocketAddress(address, port));
        }
        return sockets;
    }

    /**
     * Jetty resolves the proxy's address for a destination it carries: only then, and only for that
     * address, is the policy skipped. A world's URL naming the proxy's host and port directly is
     * resolved for a destination without a proxy, and checked like any other.
     */
    private static boolean isProxyOf(Map<String, Object> context, String name, int port) {
        Object destination = context == null ? null : context.get(Destination.CONTEXT_KEY);
        if (destination instanceof Destination http && http.getProxy() != null) {
            Origin.Address proxy = http.getProxy().getAddress();
            try {
                return proxy.getPort() == port && CanonicalHost.of(proxy.getHost()).equals(name);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    /** ws or wss, from the HTTP destination Jetty resolves for; null when Jetty does not say. */
    private static String scheme(Map<String, Object> context) {
        Object destination = context == null ? null : context.get(Destination.CONTEXT_KEY);
        return destination instanceof Destination http ? webSocketScheme(http.getOrigin()) : null;
    }

    /** Jetty's origin of a WebSocket destination names its scheme as http(s) or ws(s). */
    static String webSocketScheme(Origin origin) {
        String scheme = origin.getScheme();
        return scheme.equals("https") || scheme.equals("wss") ? "wss" : "ws";
    }

    /** The policy refused the addresses a name resolved to. */
    static final class BlockedDestinationException extends Exception {
        private static final long serialVersionUID = 1L;

        BlockedDestinationException(String reason) {
            super(reason, null, false, false);
        }
    }
}
