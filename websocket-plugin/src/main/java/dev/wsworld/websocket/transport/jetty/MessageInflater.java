package dev.wsworld.websocket.transport.jetty;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.eclipse.jetty.util.compression.InflaterPool;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;

/**
 * Inflates what the server sends (RFC 7692 7.2.2), one frame at a time, handing the output on in
 * chunks as it comes so the caller can count it against its limit before any more is made.
 *
 * <p>{@link Inflater} keeps a 32 KiB window, which reads data compressed with any smaller one, so
 * {@code server_max_window_bits} asks nothing more of it. With {@code server_no_context_takeover}
 * it goes back to the pool, reset, after each message. A final block (BFINAL) ends the sender's
 * deflate stream: whatever follows it in the message (RFC 7692 7.2.3.4 has one empty stored block
 * follow) is read as a new stream, and the next message starts one too, from an empty window. Used
 * by the session's reading thread only.
 */
final class MessageInflater {
    /** Appended to every message's data (RFC 7692 7.2.2). */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private static final int CHUNK = 8 * 1024;

    /** Gets the inflated bytes; may throw to stop inflating (a message over its limit). */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] data, int length);
    }

    private final CodecLease<Inflater> lease;
    private final boolean contextTakeover;

    /** For the message in progress only: an idle connection holds no buffer. */
    private byte[] chunk;

    /** Compressed bytes of the message in progress. */
    private long messageInput;

    /** The sender's deflate stream ended in the message in progress. */
    private boolean streamEnded;

    MessageInflater(DeflateAgreement agreement, InflaterPool pool) {
        this.lease = new CodecLease<>(pool);
        this.contextTakeover = !agreement.serverNoContextTakeover();
    }

    /**
     * Inflates one frame of a compressed message.
     *
     * @param payload the frame's payload, read but not kept
     * @param fin the message's last frame
     * @throws BadPayloadException data that is not deflate (the session closes with 1007)
     * @throws IllegalStateException once the connection has ended
     */
    void inflate(ByteBuffer payload, boolean fin, Sink sink) {
        Inflater inflater = lease.begin();
        boolean keep = true;
        try {
            ByteBuffer input = payload == null ? ByteBuffer.allocate(0) : payload.slice();
            messageInput += input.remaining();
            // an empty message may come as an empty payload: nothing to inflate, and the tail alone
            // would leave the inflater inside a stored block
            boolean tailPending = fin && messageInput > 0;
            if (chunk == null) {
                chunk = new byte[CHUNK];
            }
            inflater.setInput(input);
            while (true) {
                int inflated = inflate(inflater);
                if (inflated > 0) {
                    sink.accept(chunk, inflated);
                    continue;
                }
                if (inflater.finished()) {
                    streamEnded = true;
                    inflater.reset();
                    inflater.setInput(input); // what follows the final block, if anything
                    if (input.hasRemaining()) {
                        continue;
                    }
                }
                if (!input.hasRemaining() && tailPending) {
                    tailPending = false;
                    input = ByteBuffer.wrap(TAIL);
                    inflater.setInput(input);
                    continue;
                }
                if (inflater.needsDictionary()) {
                    throw new BadPayloadException(
                            "the compressed message asks for a preset dictionary (not deflate as"
                                    + " RFC 7692 uses it)");
                }
                break; // this frame's data is used up
            }
            if (fin) {
                keep = contextTakeover && !streamEnded;
                endMessage();
            }
        } catch (RuntimeException e) {
            keep = false;
            endMessage();
            throw e;
        } finally {
            lease.end(keep);
        }
    }

    private int inflate(Inflater inflater) {
        try {
            return inflater.inflate(chunk);
        } catch (DataFormatException e) {
            throw new BadPayloadException("the compressed message is not valid deflate data", e);
        }
    }

    private void endMessage() {
        chunk = null;
        messageInput = 0;
        streamEnded = false;
    }

    /** The session ended. */
    void close() {
        lease.close();
    }

    /** Whether an inflater is held between messages; for tests. */
    boolean holdingInflater() {
        return lease.holding();
    }
}
