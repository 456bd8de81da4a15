package dev.wsworld.host.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * An in-process WebSocket server on a free loopback port, with one behaviour per path:
 *
 * <ul>
 *   <li>{@code /echo}: sends every message back
 *   <li>{@code /send-then-close?n=N}: sends {@code m1..mN} then closes with 1000 at once
 *   <li>{@code /silent}: never sends anything
 *   <li>{@code /subprotocol}: accepts {@code chat.v2} when offered
 *   <li>{@code /big?size=N}: sends one text message of N characters, in one frame
 *   <li>{@code /flood?n=N}: sends N small messages as fast as it can
 *   <li>{@code /firehose?seconds=S&count=N}: sends {@code f1, f2, ...} for S seconds or N messages,
 *       each as soon as the previous one is written (as fast as the client reads), then closes with
 *       1000 "sent N"
 *   <li>{@code /stream?count=N}: sends {@code f1 .. fN} as fast as the client reads, then closes
 *       with 1000 "sent N"; every {@code /stream} connection is written by one thread, in turn, as
 *       one remote server would, so the server side takes at most one core however many connect
 *   <li>{@code /ping}: pings the client with the payload "are you there"; pongs are recorded
 *   <li>{@code /fragments?n=N}: sends "part1é part2é ... partN" in N frames, then "after"
 *   <li>{@code /reject} and {@code /clock}: refuse the upgrade with 403
 *   <li>{@code /redirect}: answers the upgrade with a 302 to {@code /echo}
 *   <li>{@code /unauthorized}: refuses the upgrade with 401, without {@code WWW-Authenticate}
 *   <li>{@code /set-cookie}: accepts, with {@code Set-Cookie: session=from-the-server}, then echoes
 * </ul>
 *
 * It counts upgrade attempts per path and records what clients sent and the close codes they used.
 */
public final class TestServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final boolean secure;
    private final Map<String, AtomicInteger> upgrades = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Streamer streamer = new Streamer();

    /** What clients sent, as "text:..." or "binary:HEX". */
    public final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    /** Close codes seen by the server, with the reason: "1000 reason". */
    public final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

    /** Host headers of upgrade requests, in arrival order. */
    public final BlockingQueue<String> hostHeaders = new LinkedBlockingQueue<>();

    /** Every header of each upgrade request, as {@code Name: value}, in arrival order. */
    public final BlockingQueue<List<String>> requestHeaders = new LinkedBlockingQueue<>();

    /**
     * Request targets (path and query) of upgrade requests as they came on the wire, in arrival
     * order.
     */
    public final BlockingQueue<String> targets = new LinkedBlockingQueue<>();

    public TestServer() throws Exception {
        this(null);
    }

    /**
     * @param keyStore PKCS12 key store (password {@link TestCertificates#PASSWORD}) to serve wss
     *     with; null for ws
     */
    public TestServer(Path keyStore) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("test-server");
        threads.setDaemon(true);
        server = new Server(threads);
        if (keyStore == null) {
            connector = new ServerConnector(server, 1, 1);
        } else {
            org.eclipse.jetty.util.ssl.SslContextFactory.Server tls =
                    new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
            tls.setKeyStorePath(keyStore.toString());
            tls.setKeyStorePassword(TestCertificates.PASSWORD);
            tls.setKeyStoreType("PKCS12");
            connector = new ServerConnector(server, 1, 1, tls);
        }
        secure = keyStore != null;
        // accept ambiguous escapes such as %2F: tests check that the client sends them as written
        connector
                .getConnectionFactory(org.eclipse.jetty.server.HttpConnectionFactory.class)
                .getHttpConfiguration()
                .setUriCompliance(org.eclipse.jetty.http.UriCompliance.UNSAFE);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(
                WebSocketUpgradeHandler.from(
                        server,
                        container -> {
                            container.setIdleTimeout(Duration.ofMinutes(5));
                            container.setMaxTextMessageSize(64L * 1024 * 1024);
                            container.addMapping(
                                    "/*",
                                    (request, response, callback) -> {
                                        String path = request.getHttpURI().getPath();
                                        hostHeaders.add(request.getHeaders().get("Host"));
                                        requestHeaders.add(
                                                request.getHeaders().stream()
                                                        .map(f -> f.getName() + ": " + f.getValue())
                                                        .toList());
                                        targets.add(request.getHttpURI().getPathQuery());
                                        upgrades.computeIfAbsent(path, p -> new AtomicInteger())
                                                .incrementAndGet();
                                        switch (path) {
                                            case "/reject", "/clock" -> {
                                                Response.writeError(
                                                        request,
                                                        response,
                                                        callback,
                                                        403,
                                                        "not for you");
                                                return null;
                                            }
                                            case "/redirect" -> {
                                                response.setStatus(302);
                                                response.getHeaders()
                                                        .put("Location", uri("/echo").toString());
                                                callback.succeeded();
                                                return null;
                                            }
                                            case "/unauthorized" -> {
                                                Response.writeError(
                                                        request,
                                                        response,
                                                        callback,
                                                        401,
                                                        "no token");
                                                return null;
                                            }
                                            case "/set-cookie" -> {
                                                response.getHeaders()
                                                        .add(
                                                                "Set-Cookie",
                                                                "session=from-the-server; Path=/");
                                                return new Peer("/echo", request);
                                            }
                                            case "/subprotocol" -> {
                                                if (request.hasSubProtocol("chat.v2")) {
                                                    response.setAcceptedSubProtocol("chat.v2");
                                                }
                                                return new Peer(path, request);
                                            }
                                            default -> {
                                                return new Peer(path, request);
                                            }
                                        }
                                    });
                        }));
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + port() + pathAndQuery);
    }

    /** Upgrade requests seen for a path (accepted or not). */
    public int upgrades(String path) {
        AtomicInteger count = upgrades.get(path);
        return count == null ? 0 : count.get();
    }

    public int openSessions() {
        return open.get();
    }

    /** Next close seen by the server, or null after the timeout. */
    public String nextClose(long seconds) throws InterruptedException {
        return closes.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        streamer.stop();
        server.stop();
    }

    /**
     * Writes every {@code /stream} connection's messages from one thread: each connection has at
     * most one message in flight, and rejoins the turn when it is written.
     */
    private static final class Streamer implements Runnable {
        private final Queue<Stream> ready = new ConcurrentLinkedQueue<>();
        private volatile Thread thread;
        private volatile boolean stopped;

        private static final class Stream {
            final Session session;
            final int count;
            int sent;

            Stream(Session session, int count) {
                this.session = session;
                this.count = count;
            }
        }

        synchronized void add(Session session, int count) {
            if (thread == null) {
                Thread started = new Thread(this, "test-server-streamer");
                started.setDaemon(true);
                thread = started;
                started.start();
            }
            ready.add(new Stream(session, count));
            LockSupport.unpark(thread);
        }

        void stop() {
            stopped = true;
            Thread running = thread;
            if (running != null) {
                LockSupport.unpark(running);
            }
        }

        @Override
        public void run() {
            while (!stopped) {
                Stream next = ready.poll();
                if (next == null) {
                    LockSupport.park(this);
                    continue;
                }
                if (!next.session.isOpen()) {
                    continue;
                }
                if (next.sent == next.count) {
                    next.session.close(1000, "sent " + next.sent, Callback.NOOP);
                    continue;
                }
                next.sent++;
                next.session.sendText(
                        "f" + next.sent,
                        Callback.from(
                                () -> {
                                    ready.add(next);
                                    LockSupport.unpark(thread);
                                },
                                failure ->
                                        next.session.close(
                                                1011, "failed after " + next.sent, Callback.NOOP)));
            }
        }
    }

    public final class Peer implements Session.Listener.AutoDemanding {
        private final String path;
        private final Fields query;
        private volatile Session session;

        Peer(String path, ServerUpgradeRequest request) {
            this.path = path;
            this.query = org.eclipse.jetty.server.Request.extractQueryParameters(request);
        }

        private int param(String name, int fallback) {
            Fields.Field field = query.get(name);
            return field == null ? fallback : Integer.parseInt(field.getValue());
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            open.incrementAndGet();
            switch (path) {
                case "/send-then-close" -> {
                    int n = param("n", 3);
                    for (int i = 1; i <= n; i++) {
                        opened.sendText("m" + i, Callback.NOOP);
                    }
                    opened.close(1000, "bye", Callback.NOOP);
                }
                case "/big" -> {
                    // one frame, as most servers send a message, not fragments of Jetty's 64 KiB
                    // frame size
                    opened.setAutoFragment(false);
                    opened.setMaxFrameSize(Long.MAX_VALUE);
                    opened.sendText("x".repeat(param("size", 1024)), Callback.NOOP);
                }
                case "/ping" ->
                        opened.sendPing(
                                ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)),
                                Callback.NOOP);
                case "/fragments" -> {
                    // one message in n frames, then a whole one; each send waits for the previous
                    // (Jetty's rule)
                    int n = param("n", 3);
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    for (int i = 1; i <= n; i++) {
                        String part = "part" + i + (i < n ? "é " : "");
                        boolean last = i == n;
                        chain =
                                chain.thenCompose(
                                        ignored -> {
                                            Callback.Completable sent = new Callback.Completable();
                                            opened.sendPartialText(part, last, sent);
                                            return sent;
                                        });
                    }
                    chain.thenAccept(ignored -> opened.sendText("after", Callback.NOOP));
                }
                case "/stream" -> streamer.add(opened, param("count", 1000));
                case "/firehose" ->
                        firehose(opened, param("seconds", 10), param("count", Integer.MAX_VALUE));
                case "/flood" -> {
                    int n = param("n", 1000);
                    for (int i = 1; i <= n; i++) {
                        opened.sendText("flood " + i, Callback.NOOP);
                    }
                }
                default -> {}
            }
        }

        /**
         * One send at a time: when the client stops reading, TCP stops this writer, as it would any
         * server.
         */
        private void firehose(Session opened, int seconds, int count) {
            Thread writer =
                    new Thread(
                            () -> {
                                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                                long sent = 0;
                                try {
                                    while (System.nanoTime() < end
                                            && sent < count
                                            && opened.isOpen()) {
                                        Callback.Completable written = new Callback.Completable();
                                        opened.sendText("f" + (sent + 1), written);
                                        written.get(60, TimeUnit.SECONDS);
                                        sent++;
                                    }
                                    opened.close(1000, "sent " + sent, Callback.NOOP);
                                } catch (Exception e) {
                                    opened.close(
                                            1011, "failed after " + sent + ": " + e, Callback.NOOP);
                                }
                            },
                            "firehose");
            writer.setDaemon(true);
            writer.start();
        }

        @Override
        public void onWebSocketText(String message) {
            received.add("text:" + message);
            if (path.equals("/echo") || path.equals("/subprotocol")) {
                session.sendText(message, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] data = new byte[payload.remaining()];
            payload.get(data);
            callback.succeed();
            received.add("binary:" + HexFormat.of().formatHex(data));
            if (path.equals("/echo")) {
                session.sendBinary(ByteBuffer.wrap(data), Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            byte[] data = new byte[payload.remaining()];
            payload.get(data);
            received.add("pong:" + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            open.decrementAndGet();
            closes.add(statusCode + " " + (reason == null ? "" : reason));
        }
    }
}
