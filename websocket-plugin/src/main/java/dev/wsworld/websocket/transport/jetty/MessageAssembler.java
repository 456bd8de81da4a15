package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.websocket.transport.TransportListener;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;

/**
 * Turns one session's data frames into whole messages: fragments joined, compressed ones inflated,
 * text decoded as strict UTF-8, size limited. It replaces Jetty's message sinks, which allocate a
 * builder of the input buffer's size (4 KiB) for every text message; here a one-frame message costs
 * its String and, from a buffer without an accessible array (Jetty hands payloads over read-only),
 * one short-lived copy of its bytes. A compressed message is inflated here, chunk by chunk, each
 * chunk counted against the limit before the next is made: a message that inflates past it is
 * refused without ever being held whole. Called on the session's network thread, one frame at a
 * time, in order; not thread-safe.
 */
final class MessageAssembler {
    private final long maxTextSize;
    private final long maxBinarySize;
    private final TransportListener sink;

    /** Null when permessage-deflate was not agreed. */
    private final MessageInflater inflater;

    private byte[] buffer;

    /** Bytes of the unfinished message in {@link #buffer}. */
    private int length;

    /** The current message is text (continuation frames do not say). */
    private boolean text;

    /** The current message is compressed (RSV1 on its first frame). */
    private boolean compressed;

    /**
     * @param maxTextSize the limit for a whole text message in bytes; 0 or less is none. Same for
     *     binary.
     * @param inflater inflates compressed messages; null when permessage-deflate was not agreed
     * @param sink gets each whole message, through {@code onText} and {@code onBinary}
     */
    MessageAssembler(
            long maxTextSize,
            long maxBinarySize,
            MessageInflater inflater,
            TransportListener sink) {
        this.maxTextSize = maxTextSize;
        this.maxBinarySize = maxBinarySize;
        this.inflater = inflater;
        this.sink = sink;
    }

    /**
     * The first frame of a message (often the only one).
     *
     * @param text a text message, else binary
     * @param fin the message's last frame
     * @param rsv1 the frame's RSV1 bit: a compressed message (RFC 7692 6)
     * @param payload the frame's payload, read but not kept
     * @return whether to read on: false when a whole message went to the sink and it asked to pause
     * @throws MessageTooLargeException over the limit (the session closes with 1009)
     * @throws BadPayloadException a text message that is not valid UTF-8, or compressed data that
     *     is not deflate (1007)
     * @throws ProtocolException RSV1 without permessage-deflate (1002)
     */
    boolean first(boolean text, boolean fin, boolean rsv1, ByteBuffer payload) {
        if (rsv1 && inflater == null) {
            reset();
            throw new ProtocolException("RSV1 set, but permessage-deflate was not agreed");
        }
        this.text = text;
        this.compressed = rsv1;
        length = 0;
        return frame(fin, payload);
    }

    /**
     * A continuation frame of the message {@link #first} began; same result and exceptions.
     *
     * @throws ProtocolException RSV1 set: only a message's first frame says it is compressed (RFC
     *     7692 6.1)
     */
    boolean continuation(boolean fin, boolean rsv1, ByteBuffer payload) {
        if (rsv1) {
            reset();
            throw new ProtocolException("RSV1 set on a continuation frame (RFC 7692 6.1)");
        }
        return frame(fin, payload);
    }

    private boolean frame(boolean fin, ByteBuffer payload) {
        if (compressed) {
            return inflated(fin, payload);
        }
        int size = payload == null ? 0 : payload.remaining();
        long limit = checkLimit(size);
        if (fin && length == 0) {
            return deliverSingleFrame(payload, size);
        }
        append(payload, size, limit);
        return !fin || deliverHeld();
    }

    /** A compressed frame: inflated into the message buffer as it comes, within the limit. */
    private boolean inflated(boolean fin, ByteBuffer payload) {
        try {
            inflater.inflate(
                    payload,
                    fin,
                    (chunk, size) ->
                            append(ByteBuffer.wrap(chunk, 0, size), size, checkLimit(size)));
        } catch (RuntimeException e) {
            reset();
            throw e;
        }
        return !fin || deliverHeld();
    }

    /**
     * @return the limit for the current message
     * @throws MessageTooLargeException when {@code size} more bytes would take it past the limit
     */
    private long checkLimit(int size) {
        long limit = text ? maxTextSize : maxBinarySize;
        long total = (long) length + size;
        if (limit > 0 && total > limit) {
            reset();
            throw new MessageTooLargeException(
                    (text ? "Text" : "Binary") + " message too large: " + total + " > " + limit);
        }
        return limit;
    }

    /** The whole message in {@link #buffer} goes to the sink. */
    private boolean deliverHeld() {
        try {
            if (length == 0) {
                return text ? sink.onText("", 0) : sink.onBinary(new byte[0]);
            }
            return text
                    ? sink.onText(decode(buffer, 0, length), length)
                    : sink.onBinary(Arrays.copyOf(buffer, length));
        } finally {
            reset();
        }
    }

    /** The common case: a whole message in one frame, decoded straight from the payload. */
    private boolean deliverSingleFrame(ByteBuffer payload, int size) {
        if (!text) {
            byte[] data = new byte[size];
            if (size > 0) {
                payload.get(payload.position(), data);
            }
            return sink.onBinary(data);
        }
        if (size == 0) {
            return sink.onText("", 0);
        }
        if (payload.hasArray()) {
            return sink.onText(
                    decode(payload.array(), payload.arrayOffset() + payload.position(), size),
                    size);
        }
        // a read-only or direct buffer, as Jetty hands payloads over: one short-lived copy
        byte[] bytes = new byte[size];
        payload.get(payload.position(), bytes);
        return sink.onText(decode(bytes, 0, size), size);
    }

    /**
     * Grows the buffer by doubling, but never past the limit: what is held stays within
     * maxMessageSize.
     */
    private void append(ByteBuffer payload, int size, long limit) {
        if (size == 0) {
            return;
        }
        int needed = length + size; // within the limit, which the settings keep far below 2 GiB
        if (buffer == null || buffer.length < needed) {
            long doubled = buffer == null ? 256 : 2L * buffer.length;
            long capacity =
                    Math.max(
                            needed,
                            limit > 0
                                    ? Math.min(doubled, limit)
                                    : Math.min(doubled, Integer.MAX_VALUE - 8));
            buffer =
                    buffer == null
                            ? new byte[(int) capacity]
                            : Arrays.copyOf(buffer, (int) capacity);
        }
        payload.get(payload.position(), buffer, length, size);
        length += size;
    }

    /** Bytes held for the unfinished message: never more than the limit. For tests. */
    int heldCapacity() {
        return buffer == null ? 0 : buffer.length;
    }

    /** Nothing is kept between messages: thousands of idle connections hold no buffers. */
    private void reset() {
        length = 0;
        buffer = null;
        compressed = false;
    }

    /**
     * The JDK's decoder (intrinsic for ASCII) replaces malformed input with U+FFFD; only a result
     * holding U+FFFD, rare in real text, is checked again strictly.
     */
    static String decode(byte[] bytes, int offset, int length) {
        String decoded = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (decoded.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
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
