package dev.wsworld.host.output;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes lines on a thread of its own, so whoever hands them over (the world's update thread above
 * all) never waits for a slow disk, a full pipe or a terminal. The queue is bounded: when the
 * writer falls behind, items are dropped and counted, and once it catches up it writes one line
 * saying how many, so the output says what it lost. Items are formatted on the writer's thread.
 * Output is flushed whenever the writer has caught up.
 *
 * @param <T> what is handed over
 */
public final class LineWriter<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineWriter.class);

    private final Writer out;
    private final boolean closeOut;
    private final int capacity;
    private final Function<T, String> format;
    private final LongFunction<String> droppedLine;
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final Thread thread;
    private volatile boolean parked;
    private volatile boolean closing;

    /**
     * Starts the writer thread.
     *
     * @param name the thread's name
     * @param closeOut whether {@link #close()} closes {@code out} (not for standard output)
     * @param capacity items waiting at most
     * @param format one item's line, without the line break
     * @param droppedLine the line that reports {@code n} dropped items
     */
    public LineWriter(
            String name,
            Writer out,
            boolean closeOut,
            int capacity,
            Function<T, String> format,
            LongFunction<String> droppedLine) {
        this.out = out;
        this.closeOut = closeOut;
        this.capacity = capacity;
        this.format = format;
        this.droppedLine = droppedLine;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Any thread; never blocks.
     *
     * @return false when the item was dropped because the writer is behind
     */
    public boolean offer(T item) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            droppedTotal.incrementAndGet();
            return false;
        }
        queue.add(item);
        if (parked) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Items dropped so far because the writer was behind. */
    public long droppedTotal() {
        return droppedTotal.get();
    }

    private void run() {
        try {
            while (true) {
                T item = queue.poll();
                if (item == null) {
                    reportDropped();
                    out.flush();
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    parked = true;
                    if (queue.isEmpty() && !closing) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    continue;
                }
                queued.decrementAndGet();
                reportDropped();
                // one write per line: output shared with other writers never splits a line
                out.write(format.apply(item) + '\n');
            }
        } catch (IOException e) {
            LOG.error("cannot write to {}: {}", thread.getName(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} failed", thread.getName(), e);
        }
    }

    /** Writer thread: says how many items were dropped since it last said so. */
    private void reportDropped() throws IOException {
        long count = dropped.getAndSet(0);
        if (count > 0) {
            out.write(droppedLine.apply(count) + '\n');
        }
    }

    /** Writes what is queued, then stops (waiting at most ten seconds). */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            if (closeOut) {
                out.close();
            } else {
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("cannot close {}: {}", thread.getName(), e.getMessage());
        }
    }
}
