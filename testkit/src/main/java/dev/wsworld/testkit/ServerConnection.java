package dev.wsworld.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection a {@link ScriptedServer} accepted: the request it came with, every frame the
 * client sent, and a way to send, close or drop it from the test while its {@link Script} runs.
 * Everything the server sends (script steps, echoes, pongs, the test's own sends) goes out in the
 * order it was asked for, one after the other.
 */
public final class ServerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final UpgradeRequest request;
    private final Script script;
    private final String subprotocol;
    private final Timeline<ClientFrame> frames = new Timeline<>();

    /** Guarded by this: the session, the script's place and the chain of sends. */
    private Session session;

    private int nextStep;

    /** Completes when the connection opens: sends asked for before that wait for it. */
    private final CompletableFuture<Void> open = new CompletableFuture<>();

    private CompletableFuture<Void> outgoing = open;

    /** The message being assembled from its frames (read on Jetty's thread for this session). */
    private final java.io.ByteArrayOutputStream assembling = new java.io.ByteArrayOutputStream();

    private int assemblingOpcode;

    /** Where sends run: never inside Jetty's completion of the previous one. */
    private final Executor executor;

    ServerConnection(UpgradeRequest request, Script script, String subprotocol, Executor executor) {
        this.executor = executor;
        this.request = request;
        this.script = script;
        this.subprotocol = subprotocol;
    }

    /**
     * The upgrade request this connection came with.
     *
     * @return the request
     */
    public UpgradeRequest request() {
        return request;
    }

    /**
     * The subprotocol the server accepted.
     *
     * @return its name, or empty when none
     */
    public String subprotocol() {
        return subprotocol == null ? "" : subprotocol;
    }

    /**
     * Every frame the client sent so far, in order.
     *
     * @return a snapshot
     */
    public List<ClientFrame> frames() {
        return frames.snapshot();
    }

    /**
     * Waits for a frame with this opcode: the first one after the frame the previous call with the
     * same opcode returned, so that two calls for {@link ClientFrame#TEXT} return the first and the
     * second text frame.
     *
     * @param opcode such as {@link ClientFrame#TEXT} or {@link ClientFrame#PING}
     * @return the frame
     * @throws AssertionFailedError when none comes within 20 s, or the connection ends without one
     */
    public ClientFrame awaitFrame(int opcode) {
        return awaitFrame(opcode, Waits.DEFAULT);
    }

    /** Per opcode, the index after the frame {@link #awaitFrame} last returned. */
    private final int[] taken = new int[16];

    /**
     * As {@link #awaitFrame(int)}, with a timeout of the test's choosing.
     *
     * @param opcode such as {@link ClientFrame#TEXT}
     * @param timeout how long to wait at most
     * @return the frame
     * @throws AssertionFailedError when none comes in time, or the connection ends without one
     */
    public ClientFrame awaitFrame(int opcode, Duration timeout) {
        int from;
        synchronized (taken) {
            from = taken[opcode & 0xF];
        }
        int index = frames.awaitIndex(from, frame -> frame.opcode() == opcode, timeout);
        if (index < 0) {
            throw new AssertionFailedError(
                    "no frame with opcode "
                            + opcode
                            + (frames.ended()
                                    ? " before the connection ended"
                                    : " within " + timeout)
                            + "; the client sent:\n"
                            + Timeline.describe(frames.snapshot()));
        }
        synchronized (taken) {
            taken[opcode & 0xF] = Math.max(taken[opcode & 0xF], index + 1);
        }
        return frames.get(index);
    }

    /**
     * Waits for the client's next text frame and returns its text.
     *
     * @return the text
     * @throws AssertionFailedError when none comes within 20 s
     */
    public String awaitText() {
        return awaitFrame(ClientFrame.TEXT).text();
    }

    /**
     * Waits for the client's close frame.
     *
     * @return the close frame: {@link ClientFrame#closeCode()} and {@link
     *     ClientFrame#closeReason()}
     * @throws AssertionFailedError when none comes within 20 s, or the connection ends without one
     */
    public ClientFrame awaitCloseFrame() {
        return awaitFrame(ClientFrame.CLOSE);
    }

    /**
     * Waits until the connection is over: closed, or dropped by either side.
     *
     * @throws AssertionFailedError when it is still open after 20 s
     */
    public void awaitEnd() {
        frames.awaitIndex(Integer.MAX_VALUE, frame -> false, Waits.DEFAULT);
        if (!frames.ended()) {
            throw new AssertionFailedError(
                    "the connection is still open after " + Waits.DEFAULT.toSeconds() + " s");
        }
    }

    /**
     * Whether the connection is over.
     *
     * @return true once closed or dropped
     */
    public boolean ended() {
        return frames.ended();
    }

    /**
     * Sends a text message, after whatever was asked to be sent before.
     *
     * @param text the message
     */
    public void sendText(String text) {
        send(open -> complete(callback -> open.sendText(text, callback)));
    }

    /**
     * Sends a binary message, after whatever was asked to be sent before.
     *
     * @param data the message
     */
    public void sendBinary(byte[] data) {
        ByteBuffer copy = ByteBuffer.wrap(data.clone());
        send(open -> complete(callback -> open.sendBinary(copy, callback)));
    }

    /**
     * Starts the closing handshake with a code and reason.
     *
     * @param code a close code a server may send, such as 1000 or 4000
     * @param reason the reason, at most 123 bytes of UTF-8
     */
    public void close(int code, String reason) {
        send(open -> complete(callback -> open.close(code, reason, callback)));
    }

    /** Drops the TCP connection without a close frame: the client sees 1006. */
    public void abort() {
        send(
                open -> {
                    open.disconnect();
                    return CompletableFuture.completedFuture(null);
                });
    }

    @Override
    public String toString() {
        return "connection " + request.pathAndQuery() + " (" + script + ")";
    }

    // ------------------------------------------------------------ Jetty's side

    private static CompletableFuture<Void> complete(java.util.function.Consumer<Callback> send) {
        Callback.Completable done = new Callback.Completable();
        send.accept(done);
        return done;
    }

    /** Chains a send after the previous one; Jetty wants one write at a time. */
    private synchronized void send(Function<Session, CompletableFuture<Void>> action) {
        outgoing =
                outgoing.handle((ignored, failure) -> null)
                        .thenComposeAsync(
                                ignored -> {
                                    Session open = currentSession();
                                    if (open == null || !open.isOpen()) {
                                        return CompletableFuture.completedFuture(null);
                                    }
                                    return action.apply(open);
                                },
                                executor);
        // a failed send is logged here; the test sees its effect on the connection
        var unused =
                outgoing.whenComplete(
                        (ignored, failure) -> {
                            if (failure != null) {
                                LOG.debug("a send to the client failed", failure);
                            }
                        });
    }

    private synchronized Session currentSession() {
        return session;
    }

    synchronized void opened(Session opened) {
        session = opened;
        open.complete(null);
        runSteps();
    }

    /** Runs steps until one waits for a message, or none is left. Holds the monitor. */
    private void runSteps() {
        List<Script.Step> steps = script.steps();
        while (nextStep < steps.size()) {
            Script.Step step = steps.get(nextStep);
            if (step instanceof Script.AwaitMessage) {
                return;
            }
            nextStep++;
            if (step instanceof Script.SendText text) {
                sendText(text.text());
            } else if (step instanceof Script.SendBinary binary) {
                sendBinary(binary.data());
            } else if (step instanceof Script.Close close) {
                close(close.code(), close.reason());
            } else if (step instanceof Script.Abort) {
                abort();
            }
        }
    }

    synchronized void messageArrived(int opcode, byte[] message) {
        List<Script.Step> steps = script.steps();
        if (nextStep < steps.size()) {
            nextStep++; // the AwaitMessage this message answers
            runSteps();
        } else if (script.echoes()) {
            if (opcode == ClientFrame.TEXT) {
                sendText(new String(message, StandardCharsets.UTF_8));
            } else {
                sendBinary(message);
            }
        }
    }

    void frameArrived(org.eclipse.jetty.websocket.api.Frame frame) {
        ByteBuffer payload = frame.getPayload();
        byte[] bytes = new byte[payload == null ? 0 : payload.remaining()];
        if (payload != null) {
            payload.slice().get(bytes);
        }
        int opcode = frame.getOpCode();
        frames.add(new ClientFrame(opcode, frame.isFin(), frame.isMasked(), bytes));
        switch (opcode) {
            case ClientFrame.TEXT, ClientFrame.BINARY, ClientFrame.CONTINUATION -> {
                if (opcode != ClientFrame.CONTINUATION) {
                    assembling.reset();
                    assemblingOpcode = opcode;
                }
                assembling.writeBytes(bytes);
                if (frame.isFin()) {
                    messageArrived(assemblingOpcode, assembling.toByteArray());
                    assembling.reset();
                }
            }
            case ClientFrame.PING ->
                    send(
                            open ->
                                    complete(
                                            callback ->
                                                    open.sendPong(
                                                            ByteBuffer.wrap(bytes), callback)));
            default -> {}
        }
    }

    void markEnded() {
        frames.end();
    }
}
