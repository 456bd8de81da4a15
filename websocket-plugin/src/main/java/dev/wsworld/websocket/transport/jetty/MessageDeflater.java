package dev.wsworld.websocket.transport.jetty;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.eclipse.jetty.util.compression.DeflaterPool;

/**
 * Compresses what the client sends, on the terms the server agreed (RFC 7692 7.2.1): each frame's
 * payload sync-flushed, the last frame's {@code 00 00 FF FF} dropped.
 *
 * <p>{@link Deflater} always compresses with a 32 KiB window. A smaller agreed {@code
 * client_max_window_bits} is kept to by emptying the window ({@link Deflater#reset}, after a sync
 * flush) every 2^bits bytes of input: a back-reference reaches no further than the data since the
 * last reset, so never more than 2^bits bytes, and the blocks stay one valid stream. With {@code
 * client_no_context_takeover} each message starts from an empty window and the deflater goes back
 * to the pool between messages. Called by one thread at a time.
 */
final class MessageDeflater {
    /** What a sync flush ends with: an empty stored block (RFC 7692 7.2.1). */
    private static final int SYNC_TAIL = 4;

    private final CodecLease<Deflater> lease;
    private final boolean contextTakeover;

    /** Input bytes between resets; 0 for the deflater's own 32 KiB window. */
    private final int window;

    /** Bytes compressed since the window was last empty. */
    private long sinceReset;

    private boolean inMessage;

    MessageDeflater(DeflateAgreement agreement, DeflaterPool pool) {
        this.lease = new CodecLease<>(pool);
        this.contextTakeover = !agreement.clientNoContextTakeover();
        this.window =
                agreement.clientMaxWindowBits() < DeflateAgreement.MAX_WINDOW_BITS
                        ? 1 << agreement.clientMaxWindowBits()
                        : 0;
    }

    /**
     * Compresses one data frame's payload.
     *
     * @param payload read from its position to its limit; left as it is
     * @param fin the message's last frame
     * @return the compressed payload
     * @throws IllegalStateException once the connection has ended
     */
    ByteBuffer deflate(ByteBuffer payload, boolean fin) {
        Deflater deflater = lease.begin();
        boolean keep = true;
        try {
            if (!inMessage) {
                inMessage = true;
                if (!contextTakeover && sinceReset > 0) {
                    deflater.reset();
                    sinceReset = 0;
                }
            }
            ByteBuffer rest = payload == null ? ByteBuffer.allocate(0) : payload.slice();
            Output out = new Output(rest.remaining() / 2 + 64);
            do {
                if (window > 0 && sinceReset == window) {
                    deflater.reset();
                    sinceReset = 0;
                }
                int take =
                        window > 0
                                ? (int) Math.min(rest.remaining(), window - sinceReset)
                                : rest.remaining();
                deflater.setInput(rest.slice(rest.position(), take));
                rest.position(rest.position() + take);
                sinceReset += take;
                out.syncFlush(deflater);
            } while (rest.hasRemaining());
            if (fin) {
                out.dropSyncTail();
                inMessage = false;
                if (!contextTakeover) {
                    keep = false; // back to the pool, reset
                    sinceReset = 0;
                }
            }
            return out.buffer();
        } catch (RuntimeException e) {
            keep = false;
            inMessage = false;
            sinceReset = 0;
            throw e;
        } finally {
            lease.end(keep);
        }
    }

    /** The session ended. */
    void close() {
        lease.close();
    }

    /** Whether a deflater is held between messages; for tests. */
    boolean holdingDeflater() {
        return lease.holding();
    }

    /** A growing output buffer. */
    private static final class Output {
        private byte[] bytes;
        private int length;

        Output(int capacity) {
            bytes = new byte[capacity];
        }

        /** Compresses all the input set and flushes it, growing as needed. */
        void syncFlush(Deflater deflater) {
            while (true) {
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
                int space = bytes.length - length;
                int written = deflater.deflate(bytes, length, space, Deflater.SYNC_FLUSH);
                length += written;
                if (written < space) {
                    return; // room was left: the flush is complete
                }
            }
        }

        /** RFC 7692 7.2.1; an empty result becomes one 00 byte (7.2.3.6). */
        void dropSyncTail() {
            if (length >= SYNC_TAIL
                    && bytes[length - 4] == 0
                    && bytes[length - 3] == 0
                    && bytes[length - 2] == (byte) 0xFF
                    && bytes[length - 1] == (byte) 0xFF) {
                length -= SYNC_TAIL;
            }
            if (length == 0) {
                bytes[length++] = 0;
            }
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes, 0, length);
        }
    }
}
