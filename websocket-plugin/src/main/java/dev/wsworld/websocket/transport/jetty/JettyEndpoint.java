package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.common.text.Failures;
import dev.wsworld.websocket.config.NetworkSettings;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.transport.TransportListener;
import dev.wsworld.websocket.transport.TransportSession;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;

/**
 * Jetty's listener for one attempt, translated into {@link TransportListener} calls. Makes sure
 * exactly one terminal call is made, whatever mix of error, close and connect-failure callbacks
 * Jetty delivers. Demands frames explicitly, one at a time, so the listener can pause reading
 * (back-pressure) by returning false from a message callback. Public only because Jetty invokes
 * listener methods reflectively.
 */
public final class JettyEndpoint implements Session.Listener, TransportSession {
    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    private final TransportListener listener;

    /** What this attempt offered of permessage-deflate; empty when compression is off. */
    private final Optional<DeflateOffer> offer;

    /** The URL's host, as TLS failures name it. */
    private final String host;

    /** A wss:// attempt. */
    private final boolean secure;

    /** The proxy this attempt goes through; null for a direct one. */
    private final NetworkSettings.Proxy proxy;

    private static final AtomicIntegerFieldUpdater<JettyEndpoint> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(JettyEndpoint.class, "ended");

    @SuppressWarnings("UnusedVariable") // read and written through ENDED
    private volatile int ended;

    private volatile Session session;
    private volatile boolean cancelled;
    private volatile String lastError;

    /**
     * The upgrade request, once sent; and whether the server answered it with 101. Network threads.
     */
    private volatile Request handshake;

    private volatile boolean requestSent;
    private volatile boolean switched;

    /** The upgrade answer's Sec-WebSocket-Extensions lines, once its headers arrived. */
    private volatile List<String> extensionsAnswer = List.of();

    /**
     * The peer's close frame arrived; read when Jetty reports the close, possibly on another
     * thread.
     */
    private volatile boolean closeReceived;

    /** permessage-deflate was negotiated; written before {@link #session}. */
    private boolean compressed;

    /** Network thread only, from open on. */
    private MessageAssembler assembler;

    JettyEndpoint(
            TransportListener listener,
            Optional<DeflateOffer> offer,
            String host,
            boolean secure,
            NetworkSettings.Proxy proxy) {
        this.listener = listener;
        this.offer = offer;
        this.host = host;
        this.secure = secure;
        this.proxy = proxy;
    }

    /** Whether the plugin gave up on this attempt. Any thread. */
    boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
        Session open = session;
        if (open != null) {
            open.close(StatusCode.SHUTDOWN, "cancelled", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        Optional<String> refusal =
                UpgradeResponseCheck.refusal(opened.getUpgradeResponse())
                        .or(() -> agreeOnExtensions(opened));
        if (refusal.isPresent()) {
            // RFC 6455 4.1 and RFC 7692 5: the client MUST fail the connection; the world never
            // hears it was connected, and not a frame goes out
            opened.disconnect();
            failBeforeOpen(refusal.get());
            return;
        }
        session = opened;
        if (cancelled) {
            opened.close(StatusCode.SHUTDOWN, "cancelled", Callback.NOOP);
            return;
        }
        String protocol = opened.getUpgradeResponse().getAcceptedSubProtocol();
        listener.onOpen(this, protocol == null ? "" : protocol);
        opened.demand();
    }

    /**
     * Every frame, in order, each demanded by the previous one. Data frames go through the plugin's
     * own {@link MessageAssembler} (Jetty's message sinks allocate 4 KiB per text message). Pings
     * are answered here, with a copy of their payload: Jetty answers none itself for an endpoint
     * that takes frames (the wire test checks there is exactly one pong). A close frame is left to
     * Jetty, which then calls {@link #onWebSocketClose}; nothing is demanded after it.
     */
    @Override
    public void onWebSocketFrame(Frame frame, Callback callback) {
        boolean readOn = true;
        try {
            switch (frame.getType()) {
                case TEXT ->
                        readOn =
                                assembler.first(
                                        true, frame.isFin(), frame.isRsv1(), frame.getPayload());
                case BINARY ->
                        readOn =
                                assembler.first(
                                        false, frame.isFin(), frame.isRsv1(), frame.getPayload());
                case CONTINUATION ->
                        readOn =
                                assembler.continuation(
                                        frame.isFin(), frame.isRsv1(), frame.getPayload());
                case PING -> {
                    Session open = session;
                    if (open != null) {
                        open.sendPong(copy(frame.getPayload()), Callback.NOOP);
                    }
                }
                case PONG -> listener.onPong();
                case CLOSE -> {
                    closeReceived = true;
                    readOn = false;
                }
                default -> {}
            }
            callback.succeed();
        } catch (Throwable failure) {
            callback.fail(failure);
            return;
        }
        if (readOn) {
            session.demand();
        }
    }

    private static ByteBuffer copy(ByteBuffer payload) {
        if (payload == null || !payload.hasRemaining()) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        return copy;
    }

    @Override
    public void resumeReading() {
        Session open = session;
        if (open != null && open.isOpen()) {
            open.demand();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        lastError = Failures.describe(cause);
        if (session == null) {
            connectFailed(cause);
        }
    }

    /**
     * {@code clean} is RFC 6455's (7.1.4): the closing handshake completed. Either the peer's close
     * frame reached this endpoint (it closed first; Jetty answers), or this side closed first and
     * Jetty reports the close without an error (the peer's answer is consumed inside Jetty). The
     * code does not matter: a server closing with 1011 after a proper handshake closed cleanly.
     */
    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        if (ENDED.compareAndSet(this, 0, 1)) {
            boolean clean =
                    closeReceived || (statusCode != StatusCode.ABNORMAL && lastError == null);
            String text =
                    reason == null || reason.isEmpty()
                            ? (lastError == null ? "" : lastError)
                            : reason;
            listener.onClosed(statusCode, text, clean);
        }
        callback.succeed();
    }

    /** The upgrade answer was not a WebSocket one: the attempt never opened. */
    private void failBeforeOpen(String reason) {
        if (ENDED.compareAndSet(this, 0, 1)) {
            listener.onConnectFailed(Failure.of(FailureKind.HANDSHAKE, reason));
        }
    }

    /**
     * Watches the upgrade's HTTP exchange. When the server answered 101 but Jetty then refused the
     * answer (a wrong Sec-WebSocket-Accept, no Connection: Upgrade, an extension or subprotocol not
     * offered), Jetty leaves the socket open until its idle timeout; after a 101 it can never carry
     * HTTP again, so {@link #connectFailed} closes it (RFC 6455 4.1: fail the connection).
     */
    JettyUpgradeListener handshakeWatcher() {
        return new JettyUpgradeListener() {
            @Override
            public void onHandshakeRequest(Request request) {
                handshake = request;
                // committed: its headers went out, so a wss connection had finished its TLS
                // handshake
                request.onRequestCommit(committed -> requestSent = true);
                request.onResponseBegin(
                        response ->
                                switched =
                                        response.getStatus() == HttpStatus.SWITCHING_PROTOCOLS_101);
                request.onResponseHeaders(
                        response ->
                                extensionsAnswer =
                                        List.copyOf(
                                                response.getHeaders().getValuesList(EXTENSIONS)));
            }
        };
    }

    /** The connect future failed: the attempt never opened. */
    void connectFailed(Throwable error) {
        Request exchange = handshake;
        if (switched && session == null && exchange != null) {
            Connection connection = exchange.getConnection();
            if (connection != null) {
                connection.close();
            }
        }
        if (session == null && ENDED.compareAndSet(this, 0, 1)) {
            listener.onConnectFailed(
                    ConnectFailures.of(
                            error, host, secure, proxy, requestSent, refusedExtensions()));
        }
    }

    @Override
    public void sendText(String text, Consumer<String> done) {
        session.sendText(text, callback(done));
    }

    @Override
    public void sendBinary(byte[] data, Consumer<String> done) {
        session.sendBinary(ByteBuffer.wrap(data), callback(done));
    }

    @Override
    public void ping() {
        Session open = session;
        if (open != null && open.isOpen()) {
            open.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public void abort() {
        Session open = session;
        if (open != null) {
            open.disconnect();
        }
    }

    /**
     * Empty through a proxy: the socket's address is the proxy's, and the proxy alone knows the
     * destination's.
     */
    @Override
    public Optional<InetAddress> remoteAddress() {
        Session open = session;
        if (proxy == null
                && open != null
                && open.getRemoteSocketAddress() instanceof InetSocketAddress address) {
            return Optional.ofNullable(address.getAddress());
        }
        return Optional.empty();
    }

    @Override
    public boolean compressed() {
        return compressed;
    }

    /**
     * Reads the server's extension answer (every header line, from the response itself: Jetty's
     * {@code getExtensions()} looks its parser up through the thread's context class loader, in a
     * host not the plugin's) and sets up what it agreed. Called before the world hears anything.
     *
     * @return why the answer fails the connection; empty when it does not
     */
    private Optional<String> agreeOnExtensions(Session opened) {
        ExtensionAnswerCheck.Answer answer =
                ExtensionAnswerCheck.read(
                        Objects.requireNonNullElse(
                                opened.getUpgradeResponse().getHeaders(EXTENSIONS), List.of()),
                        offer);
        if (answer instanceof ExtensionAnswerCheck.Refused refused) {
            return Optional.of(refused.reason());
        }
        Optional<DeflateAgreement> deflate = ((ExtensionAnswerCheck.Accepted) answer).deflate();
        MessageInflater inflater = null;
        if (deflate.isPresent()) {
            Optional<DeflateExtension> extension = DeflateExtension.of(opened);
            if (extension.isEmpty()) {
                return Optional.of(
                        "the server accepted permessage-deflate, but the connection was set up"
                                + " without it");
            }
            inflater = extension.get().agree(deflate.get());
        }
        compressed = inflater != null;
        assembler =
                new MessageAssembler(
                        opened.getMaxTextMessageSize(),
                        opened.getMaxBinaryMessageSize(),
                        inflater,
                        listener);
        return Optional.empty();
    }

    /**
     * After a 101 that Jetty itself refused for its extensions (one not offered, or one named twice
     * in a line), the reason in this plugin's words.
     */
    private Optional<String> refusedExtensions() {
        if (!switched || extensionsAnswer.isEmpty()) {
            return Optional.empty();
        }
        return ExtensionAnswerCheck.read(extensionsAnswer, offer)
                        instanceof ExtensionAnswerCheck.Refused refused
                ? Optional.of(refused.reason())
                : Optional.empty();
    }

    private static Callback callback(Consumer<String> done) {
        return Callback.from(
                () -> done.accept(null), error -> done.accept(Failures.describe(error)));
    }
}
