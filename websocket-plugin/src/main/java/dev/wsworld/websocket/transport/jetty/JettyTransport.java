package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.common.text.Failures;
import dev.wsworld.websocket.config.ConnectionDefaults;
import dev.wsworld.websocket.config.NetworkSettings;
import dev.wsworld.websocket.config.TrustStores;
import dev.wsworld.websocket.policy.Destination;
import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.transport.ConnectSpec;
import dev.wsworld.websocket.transport.Transport;
import dev.wsworld.websocket.transport.TransportListener;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty {@link WebSocketClient} (and {@link HttpClient}) of a plugin instance. TLS settings
 * live in the client connector and are only consulted for wss:// destinations.
 */
public final class JettyTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(JettyTransport.class);

    /**
     * Room for an upgrade request's head: a URL of up to 8192 characters, the world's headers and a
     * host credential (8 KiB each) and the handshake's own fields. Jetty's default (8 KiB) would
     * refuse headers a world may write.
     */
    static final int MAX_REQUEST_HEADERS_SIZE = 64 * 1024;

    private final HttpClient httpClient;
    private final WebSocketClient client;
    private final CheckingResolver resolver;
    private final Duration closeGrace;
    private final Optional<NetworkSettings.Proxy> proxy;

    /**
     * The permessage-deflate offer ({@link DeflateOffer#DEFAULT}), parsed once: Jetty finds its
     * parser through the thread's context class loader, which in a host is not the plugin's.
     */
    private final ExtensionConfig permessageDeflate;

    /**
     * Creates and starts the client.
     *
     * @throws IllegalStateException when Jetty fails to start (for example an unreadable trust
     *     store)
     */
    /**
     * @param policy the current destination policy, asked for every DNS answer
     */
    public JettyTransport(
            NetworkSettings settings,
            ConnectionDefaults defaults,
            Supplier<DestinationPolicy> policy) {
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 2);
        threads.setName("wsworld-net");
        threads.setDaemon(true);

        SslContextFactory.Client tls = new SslContextFactory.Client();
        // the URL's name, never the address connected to; no setting turns this off
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        try {
            KeyStore trusted =
                    settings.trustStore().isPresent()
                            ? TrustStores.load(settings.trustStore().get())
                            : null;
            tls.setSslContext(ServerCertificateCheck.context(trusted));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot use trust store "
                            + settings.trustStore()
                                    .map(t -> t.path().toString())
                                    .orElse("of the JDK")
                            + ": "
                            + Failures.describe(e),
                    e);
        }

        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setSslContextFactory(tls);
        connector.setConnectTimeout(defaults.connectTimeout());

        httpClient = new HttpClient(new HttpClientTransportOverHTTP(connector));
        httpClient.setName("wsworld-http");
        httpClient.setExecutor(threads);
        httpClient.setFollowRedirects(false);
        httpClient.setMaxRequestHeadersSize(MAX_REQUEST_HEADERS_SIZE);
        // every component of every world shares this client: a cookie one server set must not be
        // sent on another connection, so the only cookies sent are those a world or a host
        // credential writes
        httpClient.setHttpCookieStore(new HttpCookieStore.Empty());
        httpClient.setConnectTimeout(defaults.connectTimeout().toMillis());
        httpClient.setMaxConnectionsPerDestination(settings.maxConnectionsPerDestination());
        httpClient.setMaxRequestsQueuedPerDestination(settings.maxConnectionsPerDestination());
        resolver =
                new CheckingResolver(threads, policy, settings.hosts(), defaults.connectTimeout());
        httpClient.setSocketAddressResolver(resolver);
        proxy = settings.proxy();
        proxy.ifPresent(configured -> JettyProxies.install(httpClient, configured));

        client = new WebSocketClient(httpClient);
        client.setStopAtShutdown(false);
        client.setIdleTimeout(
                defaults.idleTimeout().isZero() ? Duration.ofMillis(-1) : defaults.idleTimeout());
        client.setMaxTextMessageSize(defaults.maxMessageSize());
        client.setMaxBinaryMessageSize(defaults.maxMessageSize());
        client.setConnectTimeout(defaults.connectTimeout().toMillis());
        closeGrace = settings.closeGrace();
        // the plugin's permessage-deflate in place of Jetty's (see DeflateExtension for why)
        Objects.requireNonNull(
                        client.getBean(WebSocketCoreClient.class),
                        "Jetty's WebSocketClient has no core client to register permessage-deflate"
                                + " with")
                .getExtensionRegistry()
                .register(DeflateOffer.PERMESSAGE_DEFLATE, DeflateExtension.class);
        permessageDeflate =
                withPluginClassLoader(() -> ExtensionConfig.parse(DeflateOffer.DEFAULT.header()));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start the WebSocket client: " + Failures.describe(e), e);
        }
        // added by the start above; it answers a 401 only with credentials from Jetty's store,
        // which holds none for servers (a world's or the host's Authorization is a header), and
        // turned a 401 without WWW-Authenticate into "HTTP protocol violation": a 401 is now
        // reported as the answer it is
        httpClient.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
    }

    private static <T> T withPluginClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JettyTransport.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public CompletionStage<List<InetAddress>> lookUp(String host) {
        return resolver.lookUp(host);
    }

    @Override
    public PendingConnect connect(ConnectSpec spec, TransportListener listener) {
        String host = CanonicalHost.of(spec.uri().getHost());
        int port =
                spec.uri().getPort() > 0
                        ? spec.uri().getPort()
                        : Destination.defaultPort(spec.uri().getScheme());
        resolver.useChecked(host, port, spec.addresses());
        String scheme = spec.uri().getScheme();
        JettyEndpoint endpoint =
                new JettyEndpoint(
                        listener,
                        spec.compression() ? Optional.of(DeflateOffer.DEFAULT) : Optional.empty(),
                        host,
                        "wss".equals(scheme),
                        proxy.filter(configured -> configured.carries(scheme, host, port))
                                .orElse(null));
        // building the upgrade request and starting Jetty's connect costs a millisecond or more:
        // a world that adds hundreds of components in one tick must not pay it on its thread
        try {
            httpClient.getExecutor().execute(() -> start(spec, endpoint));
        } catch (RejectedExecutionException e) {
            endpoint.connectFailed(e);
        }
        return endpoint::cancel;
    }

    /** On a transport thread: the upgrade request goes out, unless the attempt was abandoned. */
    private void start(ConnectSpec spec, JettyEndpoint endpoint) {
        if (endpoint.cancelled()) {
            endpoint.connectFailed(new CancellationException("abandoned before it started"));
            return;
        }
        ClientUpgradeRequest request = new ClientUpgradeRequest(spec.uri());
        if (!spec.subprotocols().isEmpty()) {
            request.setSubProtocols(spec.subprotocols());
        }
        request.setTimeout(spec.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (spec.compression()) {
                request.addExtensions(permessageDeflate);
            }
            // the endpoint hears a failure itself; the future returned here only repeats it
            var unused =
                    client.connect(
                                    endpoint,
                                    request,
                                    UpgradeHeaders.adding(
                                            spec.headers(), endpoint.handshakeWatcher()))
                            .whenComplete(
                                    (session, error) -> {
                                        if (error != null) {
                                            endpoint.connectFailed(error);
                                        }
                                    });
        } catch (Exception | Error e) {
            endpoint.connectFailed(e);
        }
    }

    /** Jetty's own session tracking: sessions from open to close. */
    @Override
    public int openSessions() {
        return client.getOpenSessions().size();
    }

    /**
     * Jetty's graceful stop closes what is still open with 1001 and waits up to the close grace
     * (the plugin has normally closed everything itself by now); then the HTTP client and its
     * threads stop whatever happened.
     */
    @Override
    public void close() {
        client.setStopTimeout(closeGrace.toMillis());
        try {
            client.stop();
        } catch (Exception e) {
            LOG.warn(
                    "{} WebSocket session(s) did not finish closing within {} ms; dropping them"
                            + " ({})",
                    client.getOpenSessions().size(),
                    closeGrace.toMillis(),
                    Failures.describe(e));
        }
        try {
            httpClient.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP client failed: {}", Failures.describe(e));
        }
    }
}
