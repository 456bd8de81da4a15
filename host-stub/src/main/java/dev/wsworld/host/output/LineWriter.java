package dev.wsworld.host.output;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands items to a {@link Sink} on a thread of its own, so whoever offers them (a world's update
 * thread above all) never waits for a slow disk, a full pipe or a terminal. The queue is bounded:
 * when the writer falls behind, items are dropped and counted, and once it catches up it writes one
 * item saying how many, so the output says what it lost. The sink is flushed whenever the writer
 * has caught up.
 *
 * @param <T> what is handed over
 */
public final class LineWriter<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineWriter.class);

    /** Where the items go, one at a time, on the writer's thread. */
    public interface Sink<T> {
        void write(T item) throws IOException;

        void flush() throws IOException;

        /** The writer stops: release what the sink owns. */
        void close() throws IOException;
    }

    private final Sink<T> sink;
    private final int capacity;
    private final LongFunction<T> droppedItem;
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
     * @param capacity items waiting at most
     * @param droppedItem the item that reports {@code n} dropped items
     */
    public LineWriter(String name, Sink<T> sink, int capacity, LongFunction<T> droppedItem) {
        this.sink = sink;
        this.capacity = capacity;
        this.droppedItem = droppedItem;
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
                    sink.flush();
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
                sink.write(item);
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
            sink.write(droppedItem.apply(count));
        }
    }

    /** Writes what is queued, then stops (waiting at most ten seconds). */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            sink.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("cannot close {}: {}", thread.getName(), e.getMessage());
        }
    }
}
