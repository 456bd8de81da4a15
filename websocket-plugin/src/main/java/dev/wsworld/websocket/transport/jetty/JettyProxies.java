package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.websocket.config.NetworkSettings;
import org.eclipse.jetty.client.BasicAuthentication;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Socks5;
import org.eclipse.jetty.client.Socks5Proxy;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The configured proxy as Jetty's own {@link HttpProxy} or {@link Socks5Proxy}. Which destinations
 * it carries is decided by {@link NetworkSettings.Proxy#carries} (the bypass list), not by Jetty's
 * own address patterns, so the bypass list reads like the allowlist.
 */
final class JettyProxies {
    private JettyProxies() {}

    /** Adds the proxy, and its credentials, to a client that is not started yet. */
    static void install(HttpClient client, NetworkSettings.Proxy proxy) {
        ProxyConfiguration.Proxy jetty =
                switch (proxy.type()) {
                    case HTTP ->
                            new HttpProxy(new Origin.Address(proxy.host(), proxy.port()), false) {
                                @Override
                                public boolean matches(Origin origin) {
                                    return carries(proxy, origin);
                                }

                                /**
                                 * Always CONNECT: a ws:// upgrade forwarded as a plain request is
                                 * something many proxies mangle.
                                 */
                                @Override
                                public boolean requiresTunnel(Origin serverOrigin) {
                                    return true;
                                }
                            };
                    case SOCKS5 -> {
                        Socks5Proxy socks =
                                new Socks5Proxy(
                                        new Origin.Address(proxy.host(), proxy.port()), false) {
                                    @Override
                                    public boolean matches(Origin origin) {
                                        return carries(proxy, origin);
                                    }
                                };
                        proxy.username()
                                .ifPresent(
                                        user ->
                                                socks.putAuthenticationFactory(
                                                        new Socks5
                                                                .UsernamePasswordAuthenticationFactory(
                                                                user,
                                                                proxy.password() == null
                                                                        ? ""
                                                                        : proxy.password())));
                        yield socks;
                    }
                };
        client.getProxyConfiguration().addProxy(jetty);
        if (proxy.type() == NetworkSettings.Proxy.Type.HTTP && proxy.username().isPresent()) {
            // sent with the CONNECT from the first request on (preemptive): no 407 round trip per
            // connection
            client.getAuthenticationStore()
                    .addAuthenticationResult(
                            new BasicAuthentication.BasicResult(
                                    jetty.getURI(),
                                    HttpHeader.PROXY_AUTHORIZATION,
                                    proxy.username().get(),
                                    proxy.password() == null ? "" : proxy.password()));
        }
    }

    private static boolean carries(NetworkSettings.Proxy proxy, Origin origin) {
        String host;
        try {
            host = CanonicalHost.of(origin.getAddress().getHost());
        } catch (IllegalArgumentException e) {
            return true; // not a host a bypass entry could name
        }
        return proxy.carries(
                CheckingResolver.webSocketScheme(origin), host, origin.getAddress().getPort());
    }
}
