package dev.wsworld.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** The floor: a raw Jetty 12 WebSocket client configured like the plugin's. */
final class RawClients implements AutoCloseable {
    private final HttpClient http;
    private final WebSocketClient client;

    /**
     * The bench's connect timeout, the same the component runs with (see {@code
     * BenchMain.SCALE_SETTINGS}).
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    RawClients() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("raw-net");
        threads.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setConnectTimeout(CONNECT_TIMEOUT);
        http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(threads);
        http.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        http.setMaxConnectionsPerDestination(20_000);
        http.setMaxRequestsQueuedPerDestination(20_000);
        client = new WebSocketClient(http);
        client.setIdleTimeout(Duration.ofSeconds(60));
        client.setConnectTimeout(
                CONNECT_TIMEOUT.toMillis()); // connect and upgrade, as the plugin's request timeout
        client.setMaxTextMessageSize(1024 * 1024);
        client.start();
    }

    CompletableFuture<Session> connect(URI uri, Session.Listener listener) throws Exception {
        return client.connect(listener, uri);
    }

    @Override
    public void close() {
        try {
            client.stop();
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the raw clients failed", e);
        }
    }
}
