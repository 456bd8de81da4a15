package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.websocket.transport.TransportListener;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns one session's data frames into whole messages: fragments joined, text decoded as strict
 * UTF-8, size limited. It replaces Jetty's message sinks, which allocate a builder of the input
 * buffer's size (4 KiB) for every text message; here a one-frame message costs its String (and, from a
 * direct network buffer, one short-lived copy of its bytes).
 * Called on the session's network thread, one frame at a time, in order; not thread-safe.
 */
final class MessageAssembler {
    private final long maxTextSize;
    private final long maxBinarySize;
    private final TransportListener sink;
    private byte[] buffer;
    /** Bytes of the unfinished message in {@link #buffer}. */
    private int length;
    /** The current message is text (continuation frames do not say). */
    private boolean text;

    /**
     * @param maxTextSize the limit for a whole text message in bytes; 0 or less is none. Same for binary.
     * @param sink        gets each whole message, through {@code onText} and {@code onBinary}
     */
    MessageAssembler(long maxTextSize, long maxBinarySize, TransportListener sink) {
        this.maxTextSize = maxTextSize;
        this.maxBinarySize = maxBinarySize;
        this.sink = sink;
    }

    /**
     * The first frame of a message (often the only one).
     *
     * @param text    a text message, else binary
     * @param fin     the message's last frame
     * @param payload the frame's payload, read but not kept
     * @throws MessageTooLargeException over the limit (the session closes with 1009)
     * @throws BadPayloadException      a text message that is not valid UTF-8 (1007)
     */
    void first(boolean text, boolean fin, ByteBuffer payload) {
        this.text = text;
        length = 0;
        frame(fin, payload);
    }

    /** A continuation frame of the message {@link #first} began; same exceptions. */
    void continuation(boolean fin, ByteBuffer payload) {
        frame(fin, payload);
    }

    private void frame(boolean fin, ByteBuffer payload) {
        int size = payload == null ? 0 : payload.remaining();
        long limit = text ? maxTextSize : maxBinarySize;
        if (limit > 0 && (long) length + size > limit) {
            long total = (long) length + size;
            reset();
            throw new MessageTooLargeException((text ? "Text" : "Binary") + " message too large: " + total + " > "
                    + limit);
        }
        if (fin && length == 0) {
            deliverSingleFrame(payload, size);
            return;
        }
        append(payload, size);
        if (fin) {
            try {
                if (text) {
                    sink.onText(decode(buffer, 0, length));
                } else {
                    sink.onBinary(Arrays.copyOf(buffer, length));
                }
            } finally {
                reset();
            }
        }
    }

    /** The common case: a whole message in one frame, decoded straight from the payload. */
    private void deliverSingleFrame(ByteBuffer payload, int size) {
        if (!text) {
            byte[] data = new byte[size];
            if (size > 0) {
                payload.get(payload.position(), data);
            }
            sink.onBinary(data);
            return;
        }
        if (size == 0) {
            sink.onText("");
        } else if (payload.hasArray()) {
            sink.onText(decode(payload.array(), payload.arrayOffset() + payload.position(), size));
        } else {
            // a direct network buffer: one short-lived copy
            byte[] bytes = new byte[size];
            payload.get(payload.position(), bytes);
            sink.onText(decode(bytes, 0, size));
        }
    }

    private void append(ByteBuffer payload, int size) {
        if (size == 0) {
            return;
        }
        if (buffer == null || buffer.length < length + size) {
            int capacity = Math.max(length + size, buffer == null ? 256 : buffer.length * 2);
            buffer = buffer == null ? new byte[capacity] : Arrays.copyOf(buffer, capacity);
        }
        payload.get(payload.position(), buffer, length, size);
        length += size;
    }

    /** Nothing is kept between messages: thousands of idle connections hold no buffers. */
    private void reset() {
        length = 0;
        buffer = null;
    }

    /**
     * The JDK's decoder (intrinsic for ASCII) replaces malformed input with U+FFFD; only a
     * result holding U+FFFD, rare in real text, is checked again strictly.
     */
    static String decode(byte[] bytes, int offset, int length) {
        String decoded = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (decoded.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, offset, length));
            } catch (CharacterCodingException e) {
                throw new BadPayloadException("Text message is not valid UTF-8", e);
            }
        }
        return decoded;
    }
}
