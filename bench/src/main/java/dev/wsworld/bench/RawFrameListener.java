package dev.wsworld.bench;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The true floor of the plugin's stack: Jetty's frame API with the plugin's own way of assembling
 * messages (one frame: one copy and its String; fragments: one growing buffer; strict UTF-8 checked
 * only when the JDK's decoder replaced something), one frame demanded after the other. It mirrors
 * {@code transport.jetty.MessageAssembler} on purpose: the bench must not load the plugin's classes
 * outside PF4J, and a baseline that decoded differently would compare decoders, not the plugin's
 * cost. Public: Jetty calls it reflectively.
 */
public final class RawFrameListener implements Session.Listener {
    private final Consumer<String> onText;
    private Session session;
    private byte[] buffer;
    private int length;
    private boolean text;

    RawFrameListener(Consumer<String> onText) {
        this.onText = onText;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        opened.demand();
    }

    @Override
    public void onWebSocketFrame(Frame frame, Callback callback) {
        switch (frame.getType()) {
            case TEXT -> {
                text = true;
                data(frame.isFin(), frame.getPayload());
            }
            case BINARY -> {
                text = false;
                data(frame.isFin(), frame.getPayload());
            }
            case CONTINUATION -> data(frame.isFin(), frame.getPayload());
            case PING ->
                    session.sendPong(
                            frame.getPayload() == null
                                    ? ByteBuffer.allocate(0)
                                    : ByteBuffer.wrap(
                                            bytes(
                                                    frame.getPayload(),
                                                    frame.getPayload().remaining())),
                            Callback.NOOP);
            default -> {}
        }
        callback.succeed();
        session.demand();
    }

    private void data(boolean fin, ByteBuffer payload) {
        int size = payload == null ? 0 : payload.remaining();
        if (fin && length == 0) {
            if (text) {
                onText.accept(size == 0 ? "" : decode(bytes(payload, size), size));
            }
            return;
        }
        if (buffer == null || buffer.length < length + size) {
            buffer =
                    buffer == null
                            ? new byte[Math.max(256, size)]
                            : Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + size));
        }
        if (size > 0) {
            payload.get(payload.position(), buffer, length, size);
        }
        length += size;
        if (fin) {
            if (text) {
                onText.accept(decode(buffer, length));
            }
            buffer = null;
            length = 0;
        }
    }

    private static byte[] bytes(ByteBuffer payload, int size) {
        byte[] copy = new byte[size];
        payload.get(payload.position(), copy);
        return copy;
    }

    private static String decode(byte[] bytes, int size) {
        String decoded = new String(bytes, 0, size, StandardCharsets.UTF_8);
        if (decoded.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, size));
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("not UTF-8", e);
            }
        }
        return decoded;
    }

    /**
     * Rounds stop the client with sessions open; a missing message shows as a count that never
     * completes.
     */
    @Override
    public void onWebSocketError(Throwable cause) {}
}
