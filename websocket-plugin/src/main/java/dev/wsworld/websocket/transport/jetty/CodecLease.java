package dev.wsworld.websocket.transport.jetty;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.compression.CompressionPool;

/**
 * A session's Deflater or Inflater, taken from Jetty's pool when first needed. Frames use it one at
 * a time; the session can end on any thread (the world's too, when it drops a connection), which
 * must neither wait for a frame in progress nor put the codec back under it: another connection
 * would then share it. So whichever of the two finishes last gives it back.
 */
final class CodecLease<T> {
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;

    private final CompressionPool<T> pool;
    private final AtomicInteger state = new AtomicInteger(IDLE);

    /** Touched only by the thread that made the lease BUSY, or by the one that closed it IDLE. */
    private CompressionPool<T>.Entry entry;

    CodecLease(CompressionPool<T> pool) {
        this.pool = pool;
    }

    /**
     * The codec for one frame; pair with {@link #end}.
     *
     * @throws IllegalStateException once the session ended, or when two threads use it at once
     */
    T begin() {
        if (!state.compareAndSet(IDLE, BUSY)) {
            throw new IllegalStateException(
                    state.get() == CLOSED
                            ? "the connection has ended"
                            : "a compression context used by two threads at once");
        }
        if (entry == null) {
            entry = pool.acquire();
        }
        return entry.get();
    }

    /**
     * The frame is done with it.
     *
     * @param keep keep the codec (and its context) for the next frame; false gives it back now,
     *     reset
     */
    void end(boolean keep) {
        if (!keep) {
            release();
        }
        if (!state.compareAndSet(BUSY, IDLE)) {
            release(); // the session ended meanwhile
        }
    }

    /** The session ended: gives the codec back now, or when the frame in progress is done. */
    void close() {
        if (state.getAndSet(CLOSED) == IDLE) {
            release();
        }
    }

    /** Whether a codec is held now: for tests of what idle connections keep. */
    boolean holding() {
        return entry != null;
    }

    private void release() {
        if (entry != null) {
            entry.release();
            entry = null;
        }
    }
}
