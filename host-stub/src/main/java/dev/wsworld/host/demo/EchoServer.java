package dev.wsworld.host.demo;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.LoggerFactory;

/**
 * The embedded demo's WebSocket echo server on a free loopback port: every text and binary message
 * comes straight back.
 */
public final class EchoServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    public EchoServer() {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("demo-echo");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        // a person at the console may leave the demo alone for a while: idle connections stay
        // (Jetty's default would drop them after 30 s, and the demo would reconnect forever)
        connector.setIdleTimeout(0);
        server.setHandler(
                WebSocketUpgradeHandler.from(
                        server,
                        container -> {
                            container.setIdleTimeout(Duration.ZERO);
                            container.addMapping("/*", (request, response, callback) -> new Echo());
                        }));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start the demo echo server: " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Stops the server; a failure to stop is logged, as nothing else can be done about it. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LoggerFactory.getLogger(EchoServer.class)
                    .warn("stopping the demo echo server failed: {}", e.toString());
        }
    }

    /** Echoes each message back on the same session. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private volatile Session session;

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            session.sendBinary(copy, Callback.NOOP);
        }
    }
}
