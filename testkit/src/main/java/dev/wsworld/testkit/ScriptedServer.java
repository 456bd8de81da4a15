package dev.wsworld.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.opentest4j.AssertionFailedError;

/**
 * A WebSocket server on a free port of 127.0.0.1, told by the test what to do with each connection
 * and recording what the client did, in the spirit of OkHttp's MockWebServer.
 *
 * <ul>
 *   <li>Each upgrade request takes the next {@link Script} {@link #enqueue enqueued}, or the {@link
 *       #defaultScript default} when none is left (at first: accept, and do nothing).
 *   <li>{@link #takeRequest()} returns the upgrade requests in order, refused and held ones too;
 *       {@link #awaitConnection()} the connections it accepted, with every frame their client sent.
 *   <li>{@link #startSecure()} serves wss with the kit's certificate for {@code 127.0.0.1} and
 *       {@code localhost} ({@link KitCertificates}).
 * </ul>
 *
 * In a {@link WorldTest} take it as a test method parameter ({@link Secure} for wss), and it is
 * closed after the world stops; elsewhere start and close it yourself.
 */
public final class ScriptedServer implements AutoCloseable {
    /** How long a held handshake waits for its release at most, so no thread is held forever. */
    private static final Duration HOLD_LIMIT = Duration.ofMinutes(5);

    private final Server server;
    private final ServerConnector connector;
    private final boolean secure;
    private final Deque<Script> scripts = new ArrayDeque<>();
    private final Timeline<UpgradeRequest> requests = new Timeline<>();
    private final Timeline<ServerConnection> connections = new Timeline<>();

    /** Guarded by this. */
    private Script defaultScript = Script.accept();

    private CountDownLatch holdGate = new CountDownLatch(1);
    private boolean closed;
    private int requestsTaken;
    private int connectionsTaken;

    private ScriptedServer(KitCertificates certificates) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("scripted-server");
        threads.setDaemon(true);
        server = new Server(threads);
        secure = certificates != null;
        if (secure) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(certificates.keyStore().toString());
            tls.setKeyStorePassword(KitCertificates.PASSWORD);
            tls.setKeyStoreType("PKCS12");
            connector = new ServerConnector(server, 1, 1, tls);
        } else {
            connector = new ServerConnector(server, 1, 1);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(
                WebSocketUpgradeHandler.from(
                        server,
                        container -> {
                            container.setIdleTimeout(Duration.ofMinutes(10));
                            container.setMaxTextMessageSize(16L * 1024 * 1024);
                            container.setMaxBinaryMessageSize(16L * 1024 * 1024);
                            container.addMapping(
                                    "/*",
                                    (request, response, callback) -> {
                                        UpgradeRequest recorded = record(request);
                                        Script script = nextScript();
                                        // the gate is taken before the request is seen: a release
                                        // after takeRequest() always lets this one go
                                        CountDownLatch gate =
                                                script.holdsHandshake() ? holdGate() : null;
                                        requests.add(recorded);
                                        if (gate != null) {
                                            awaitRelease(gate);
                                        }
                                        if (script.refuseStatus() != 0) {
                                            Response.writeError(
                                                    request,
                                                    response,
                                                    callback,
                                                    script.refuseStatus(),
                                                    "refused by the test's script");
                                            return null;
                                        }
                                        String subprotocol = script.subprotocol();
                                        if (subprotocol != null
                                                && request.hasSubProtocol(subprotocol)) {
                                            response.setAcceptedSubProtocol(subprotocol);
                                        } else {
                                            subprotocol = null;
                                        }
                                        ServerConnection connection =
                                                new ServerConnection(
                                                        recorded,
                                                        script,
                                                        subprotocol,
                                                        server.getThreadPool());
                                        return new ServerEndpoint(
                                                connection, () -> connections.add(connection));
                                    });
                        }));
        server.start();
    }

    /**
     * Starts a ws server.
     *
     * @return the running server
     * @throws IllegalStateException when it cannot start
     */
    public static ScriptedServer start() {
        return startWith(null);
    }

    /**
     * Starts a wss server with the kit's certificate for {@code 127.0.0.1} and {@code localhost}. A
     * {@link WorldTest} world trusts it when the test takes a {@link Secure} server; another client
     * trusts {@link KitCertificates#trustStore()}.
     *
     * @return the running server
     * @throws IllegalStateException when it cannot start or the certificate cannot be made
     */
    public static ScriptedServer startSecure() {
        return startWith(KitCertificates.shared());
    }

    private static ScriptedServer startWith(KitCertificates certificates) {
        try {
            return new ScriptedServer(certificates);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a scripted server: " + e, e);
        }
    }

    /**
     * The server's port on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Whether it serves wss.
     *
     * @return true for {@link #startSecure()}
     */
    public boolean isSecure() {
        return secure;
    }

    /**
     * The server's root address.
     *
     * @return {@code ws://127.0.0.1:PORT/} (or wss)
     */
    public URI uri() {
        return uri("/");
    }

    /**
     * An address on this server; every path reaches the same scripts.
     *
     * @param pathAndQuery such as {@code /chat?room=1}
     * @return {@code ws://127.0.0.1:PORT/chat?room=1} (or wss)
     */
    public URI uri(String pathAndQuery) {
        return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + port() + pathAndQuery);
    }

    /**
     * Scripts the next upgrade request that has none yet.
     *
     * @param script what to do with it
     * @return this server
     */
    public synchronized ScriptedServer enqueue(Script script) {
        scripts.add(Objects.requireNonNull(script, "script"));
        return this;
    }

    /**
     * What to do with upgrade requests once the enqueued scripts are used up.
     *
     * @param script the script, such as {@code Script.accept().echo()}
     * @return this server
     */
    public synchronized ScriptedServer defaultScript(Script script) {
        defaultScript = Objects.requireNonNull(script, "script");
        return this;
    }

    private synchronized Script nextScript() {
        Script next = scripts.poll();
        return next == null ? defaultScript : next;
    }

    /** Lets every handshake held now ({@link Script#holdHandshake()}) go on with its script. */
    public synchronized void releaseHandshakes() {
        holdGate.countDown();
        holdGate = new CountDownLatch(1);
    }

    private synchronized CountDownLatch holdGate() {
        return closed ? new CountDownLatch(0) : holdGate;
    }

    private static void awaitRelease(CountDownLatch gate) {
        try {
            gate.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next upgrade request, in arrival order: each call returns the one after the request the
     * previous call returned.
     *
     * @return the request
     * @throws AssertionFailedError when none comes within 20 s
     */
    public UpgradeRequest takeRequest() {
        return takeRequest(Waits.DEFAULT);
    }

    /**
     * As {@link #takeRequest()}, with a timeout of the test's choosing.
     *
     * @param timeout how long to wait at most
     * @return the request
     * @throws AssertionFailedError when none comes in time
     */
    public UpgradeRequest takeRequest(Duration timeout) {
        int from;
        synchronized (this) {
            from = requestsTaken;
        }
        int index = requests.awaitIndex(from, request -> true, timeout);
        if (index < 0) {
            throw new AssertionFailedError(
                    "no upgrade request number " + (from + 1) + " within " + timeout);
        }
        synchronized (this) {
            requestsTaken = Math.max(requestsTaken, index + 1);
        }
        return requests.get(index);
    }

    /**
     * The next connection the server accepted (its handshake completed), in order: each call
     * returns the one after the connection the previous call returned.
     *
     * @return the connection
     * @throws AssertionFailedError when none comes within 20 s
     */
    public ServerConnection awaitConnection() {
        return awaitConnection(Waits.DEFAULT);
    }

    /**
     * As {@link #awaitConnection()}, with a timeout of the test's choosing.
     *
     * @param timeout how long to wait at most
     * @return the connection
     * @throws AssertionFailedError when none comes in time
     */
    public ServerConnection awaitConnection(Duration timeout) {
        int from;
        synchronized (this) {
            from = connectionsTaken;
        }
        int index = connections.awaitIndex(from, connection -> true, timeout);
        if (index < 0) {
            throw new AssertionFailedError(
                    "no connection number "
                            + (from + 1)
                            + " within "
                            + timeout
                            + "; upgrade requests:\n"
                            + Timeline.describe(requests.snapshot()));
        }
        synchronized (this) {
            connectionsTaken = Math.max(connectionsTaken, index + 1);
        }
        return connections.get(index);
    }

    /**
     * Every upgrade request so far, in order.
     *
     * @return a snapshot
     */
    public List<UpgradeRequest> requests() {
        return requests.snapshot();
    }

    /**
     * Every connection accepted so far, in order.
     *
     * @return a snapshot
     */
    public List<ServerConnection> connections() {
        return connections.snapshot();
    }

    /** Releases held handshakes and stops the server; open connections are dropped. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            holdGate.countDown();
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the scripted server: " + e, e);
        }
        connections.snapshot().forEach(ServerConnection::markEnded);
    }

    private static UpgradeRequest record(ServerUpgradeRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>())
                    .add(field.getValue());
        }
        return new UpgradeRequest(
                request.getHttpURI().getPath(),
                request.getHttpURI().getPathQuery(),
                headers,
                request.getSubProtocols());
    }

    @Override
    public String toString() {
        return "scripted server " + uri();
    }
}
